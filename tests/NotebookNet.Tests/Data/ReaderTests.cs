using NotebookNet.Data;

namespace NotebookNet.Tests.Data;

public class ReaderTests
{
    // A batch of `count` records; record i has label i % 10, red plane = i, green = 100 + i, blue = 200 + i,
    // and pixel (row 1, col 2) of the red plane = 7 to check row-major plane order.
    private static byte[] Crafted(int count)
    {
        var bytes = new byte[count * Cifar10.RecordBytes];
        for (int i = 0; i < count; i++)
        {
            var r = bytes.AsSpan(i * Cifar10.RecordBytes, Cifar10.RecordBytes);
            r[0] = (byte)(i % 10);
            r.Slice(1, 1024).Fill((byte)i);
            r.Slice(1 + 1024, 1024).Fill((byte)(100 + i));
            r.Slice(1 + 2048, 1024).Fill((byte)(200 + i));
            r[1 + 1 * 32 + 2] = 7;
        }
        return bytes;
    }

    [Fact]
    public void Reads_labels_and_planes_in_file_order()
    {
        var batch = Cifar10Reader.ParseBatch("crafted.bin", Crafted(3), expectedRecords: 3);
        Assert.Equal([0, 1, 2], batch.Labels);
        Assert.Equal("crafted", batch.Name);
        var second = batch.Pixels.AsSpan(1 * Cifar10.Dimensions, Cifar10.Dimensions);
        Assert.Equal(1, second[0]);             // red plane first
        Assert.Equal(101, second[1024]);        // then green
        Assert.Equal(201, second[2048]);        // then blue
        Assert.Equal(7, second[1 * 32 + 2]);    // row-major inside a plane
        var set = LabeledSet.FromBatch(batch);
        Assert.Equal(201 / 255f, set.Row(1)[2048], 6);
    }

    [Fact]
    public void Truncated_batch_names_the_file()
    {
        var bytes = Crafted(3)[..^5];
        var e = Assert.Throws<DataFormatException>(() =>
            Cifar10Reader.ParseBatch("data_batch_3.bin", bytes, expectedRecords: 3));
        Assert.Contains("data_batch_3.bin", e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Wrong_record_count_names_the_file()
    {
        var e = Assert.Throws<DataFormatException>(() => Cifar10Reader.ParseBatch("test_batch.bin", Crafted(4)));
        Assert.Contains("test_batch.bin", e.Message);
        Assert.Contains("10000", e.Message);
    }

    [Fact]
    public void Label_out_of_range_names_file_and_record()
    {
        var bytes = Crafted(3);
        bytes[2 * Cifar10.RecordBytes] = 12;
        var e = Assert.Throws<DataFormatException>(() =>
            Cifar10Reader.ParseBatch("data_batch_1.bin", bytes, expectedRecords: 3));
        Assert.Contains("data_batch_1.bin", e.Message);
        Assert.Contains("record 2", e.Message);
    }

    [Fact]
    public void Directory_with_a_short_batch_file_names_it()
    {
        var dir = Directory.CreateTempSubdirectory("nbnet-reader-").FullName;
        try
        {
            var full = Crafted(Cifar10.RecordsPerBatch);
            foreach (var f in Cifar10.TrainingBatchFiles.Append(Cifar10.TestBatchFile))
                File.WriteAllBytes(Path.Combine(dir, f), full);
            File.WriteAllBytes(Path.Combine(dir, "data_batch_4.bin"), full[..(full.Length - Cifar10.RecordBytes)]);
            var e = Assert.Throws<DataFormatException>(() => Cifar10Reader.Read(dir));
            Assert.Contains("data_batch_4.bin", e.Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Real_archive_has_the_official_layout()
    {
        var data = TestData.RealOrSkip();
        Assert.Equal(5, data.TrainingBatches.Count);
        Assert.All(data.TrainingBatches, b => Assert.Equal(10_000, b.Count));
        Assert.Equal(10_000, data.Test.Count);
        Assert.Equal("airplane", data.ClassNames[0]);
        // every class is present in batch 1 in roughly equal numbers
        var counts = data.Batch(1).Labels.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(10, counts.Count);
        Assert.All(counts.Values, c => Assert.InRange(c, 800, 1200));
    }
}
