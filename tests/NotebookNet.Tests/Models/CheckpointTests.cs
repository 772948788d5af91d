using NotebookNet.Data;
using NotebookNet.Models;
using NotebookNet.Tests.Data;

namespace NotebookNet.Tests.Models;

public class CheckpointTests
{
    private static (TwoLayerNetwork Net, LabeledSet Set) Trained()
    {
        var set = TestData.Random(300, 40, seed: 3);
        var net = new TwoLayerNetwork(TwoLayerParameters.Initialise(40, 12, 10, new Random(4)));
        for (int s = 0; s < 20; s++) net.TrainStep(set.X.AsSpan(0, 100 * 40), set.Y.AsSpan(0, 100), 100, 0.05f, 0.01f);
        return (net, set);
    }

    [Fact]
    public void Two_layer_round_trip_restores_identical_predictions()
    {
        using var dir = new TempDir();
        var (net, set) = Trained();
        var path = dir["net.ckpt"];
        Checkpoint.Save(path, (INetwork)net);
        var loaded = Assert.IsType<TwoLayerNetwork>(Checkpoint.Load(path));
        Assert.Equal(net.Parameters.W1, loaded.Parameters.W1);
        Assert.Equal(net.Parameters.B2, loaded.Parameters.B2);
        Assert.Equal(net.Probabilities(set), loaded.Probabilities(set));
        Assert.Equal(NetworkEvaluation.Predict(net, set), NetworkEvaluation.Predict(loaded, set));
        Assert.Equal(new CheckpointHeader(Checkpoint.FormatVersion, CheckpointKind.TwoLayer, 40, 12, 10),
            Checkpoint.ReadHeader(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path)); // no temporary file left behind
    }

    [Fact]
    public void One_layer_round_trip_restores_identical_predictions()
    {
        using var dir = new TempDir();
        var set = TestData.Random(50, 30, seed: 5);
        var net = new OneLayerNetwork(OneLayerParameters.Initialise(30, 10, new Random(6)));
        var path = dir["one.ckpt"];
        Checkpoint.Save(path, net.Parameters);
        var loaded = new OneLayerNetwork(Checkpoint.LoadOneLayer(path, expected: (30, 10)));
        Assert.Equal(net.Probabilities(set), loaded.Probabilities(set));
        var any = Assert.IsType<OneLayerNetwork>(Checkpoint.Load(path)); // Load finds the kind in the same single read
        Assert.Equal(net.Parameters.W, any.Parameters.W);
        Assert.Equal(net.Parameters.B, any.Parameters.B);
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.LoadTwoLayer(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("LoadOneLayer", e.Message);
    }

    [Fact]
    public void Saving_again_to_the_same_path_replaces_the_checkpoint()
    {
        using var dir = new TempDir();
        var (net, _) = Trained();
        var path = dir["net.ckpt"];
        Checkpoint.Save(path, net.Parameters);
        var changed = net.Parameters.Copy();
        changed.B1[0] += 1;
        Checkpoint.Save(path, changed);
        Assert.Equal(changed.B1, Checkpoint.LoadTwoLayer(path).B1);
    }

    [Fact]
    public void Refuses_to_overwrite_a_file_that_is_not_a_checkpoint()
    {
        using var dir = new TempDir();
        var path = dir["precious.txt"];
        File.WriteAllText(path, "my notes");
        var e = Assert.Throws<IOException>(() => Checkpoint.Save(path, Trained().Net.Parameters));
        Assert.Contains(path, e.Message);
        Assert.Equal("my notes", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    private static string Saved(TempDir dir)
    {
        var path = dir["net.ckpt"];
        Checkpoint.Save(path, Trained().Net.Parameters);
        return path;
    }

    [Theory]
    [InlineData(Checkpoint.HeaderBytes)]        // first weight
    [InlineData(Checkpoint.HeaderBytes + 1001)] // somewhere in W1
    [InlineData(-1)]                            // the stored hash itself
    public void Flipped_byte_is_a_checksum_error_naming_the_file(int offset)
    {
        using var dir = new TempDir();
        var path = Saved(dir);
        var bytes = File.ReadAllBytes(path);
        bytes[offset < 0 ? bytes.Length + offset : offset] ^= 0x10;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.LoadTwoLayer(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("checksum mismatch", e.Message);
        Assert.Equal(path, e.FilePath);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(-20)] // inside the header
    public void Truncated_file_is_a_clear_error(int cut)
    {
        using var dir = new TempDir();
        var path = Saved(dir);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(cut > 0 ? bytes.Length - cut : -cut)]);
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.LoadTwoLayer(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Wrong_shape_is_a_clear_error()
    {
        using var dir = new TempDir();
        var path = Saved(dir);
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.LoadTwoLayer(path, expected: (40, 50, 10)));
        Assert.Contains(path, e.Message);
        Assert.Contains("m = 12", e.Message);
        Assert.Contains("m = 50", e.Message);
        Assert.Contains("shape mismatch", e.Message);
    }

    [Fact]
    public void Wrong_magic_and_unsupported_version_are_named()
    {
        using var dir = new TempDir();
        var path = Saved(dir);
        var bytes = File.ReadAllBytes(path);
        bytes[8] = 2; // version 2
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.LoadTwoLayer(path));
        Assert.Contains("version 2 is not supported", e.Message);
        Assert.Contains(path, e.Message);

        var other = dir["data.bin"];
        File.WriteAllBytes(other, Crafted.Batch(2));
        e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(other));
        Assert.Contains("not a NotebookNet checkpoint", e.Message);
        Assert.Contains(other, e.Message);
        Assert.Throws<FileNotFoundException>(() => Checkpoint.Load(dir["missing.ckpt"]));
    }
}
