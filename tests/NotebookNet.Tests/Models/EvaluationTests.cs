using NotebookNet.Models;
using NotebookNet.Numerics;

namespace NotebookNet.Tests.Models;

/// <summary>Evaluation runs one chunk per core: every chunk and
/// every row must come out the same as on one core.</summary>
public class EvaluationTests
{
    [Fact]
    public void For_each_runs_every_item_once_on_at_most_parts_threads()
    {
        foreach (int parts in new[] { 1, 2, 5 })
        {
            var counts = new int[37];
            var seenParts = new System.Collections.Concurrent.ConcurrentBag<int>();
            KernelThreads.ForEach(counts.Length, parts, (item, part) =>
            {
                Interlocked.Increment(ref counts[item]);
                seenParts.Add(part);
                Assert.True(KernelThreads.IsSingleThreaded, "kernels inside ForEach must run single-threaded");
            });
            Assert.All(counts, c => Assert.Equal(1, c));
            Assert.All(seenParts, p => Assert.InRange(p, 0, Math.Min(parts, KernelThreads.MaxChunks) - 1));
        }
        Assert.False(KernelThreads.IsSingleThreaded && KernelThreads.MaxThreads > 1);   // the scope ended with the call
    }

    [Fact]
    public void For_each_rethrows_the_items_own_exception()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            KernelThreads.ForEach(10, 2, (item, _) =>
                { if (item == 7) throw new InvalidOperationException("item 7"); }));
        Assert.Equal("item 7", e.Message);
    }

    [Fact]
    public void Probabilities_do_not_depend_on_the_thread_count()
    {
        // 2 500 rows: two full chunks and a half one.
        var set = TestData.Random(2500, 3072, seed: 3);
        INetwork[] networks =
        [
            new TwoLayerNetwork(TwoLayerParameters.Initialise(3072, 50, 10, new Random(1))),
            new OneLayerNetwork(OneLayerParameters.Initialise(3072, 10, new Random(2))),
        ];
        foreach (var network in networks)
        {
            float[] single;
            using (KernelThreads.Single()) single = network.Probabilities(set);
            Assert.Equal(single, network.Probabilities(set));
            for (int i = 0; i < set.Count; i += 997)   // rows are distributions
                Assert.InRange(single.AsSpan(i * 10, 10).ToArray().Sum(), 0.9999f, 1.0001f);
        }
    }

    [Fact]
    public void Evaluating_the_first_samples_in_place_equals_evaluating_a_copy_of_them()
    {
        // 2 500 rows; the first 1 700 (a full chunk and part of one), all of them, and more than there are.
        var set = TestData.Random(2500, 3072, seed: 4);
        INetwork[] networks =
        [
            new TwoLayerNetwork(TwoLayerParameters.Initialise(3072, 50, 10, new Random(1))),
            new OneLayerNetwork(OneLayerParameters.Initialise(3072, 10, new Random(2))),
        ];
        foreach (var network in networks)
        {
            Assert.Equal(network.Evaluate(set.Take(1700), 0.01), network.EvaluateFirst(set, 1700, 0.01));
            Assert.Equal(network.Evaluate(set, 0.01), network.EvaluateFirst(set, 2500, 0.01));
            Assert.Equal(network.Evaluate(set, 0.01), network.EvaluateFirst(set, 9999, 0.01));
        }
    }

    [Fact]
    public void Cloning_into_an_earlier_clone_overwrites_it_and_anything_else_gets_a_new_clone()
    {
        INetwork two = new TwoLayerNetwork(TwoLayerParameters.Initialise(30, 5, 10, new Random(1)));
        INetwork one = new OneLayerNetwork(OneLayerParameters.Initialise(30, 10, new Random(2)));
        foreach (INetwork network in new INetwork[] { two, one })
        {
            var copy = network.CloneInto(null);
            Assert.NotSame(network, copy);
            network.TrainStep(TestData.Random(4, 30, seed: 5).X, [1, 2, 3, 4], 4, 0.1f, 0.01f);
            var set = TestData.Random(20, 30, seed: 6);
            Assert.NotEqual(network.Probabilities(set), copy.Probabilities(set));
            Assert.Same(copy, network.CloneInto(copy));                       // refreshed in place
            Assert.Equal(network.Probabilities(set), copy.Probabilities(set));
            Assert.NotSame(network, network.CloneInto(network));
        }
        var wider = new TwoLayerNetwork(TwoLayerParameters.Initialise(30, 6, 10, new Random(1)));
        Assert.NotSame(wider, two.CloneInto(wider));                          // another shape: a new clone
        Assert.Equal(6, wider.Parameters.M);
        Assert.NotSame(one, two.CloneInto(one));                              // another type
        var dropping = new TwoLayerNetwork(((TwoLayerNetwork)two).Parameters.Copy(), new Dropout(0.8, 0.8));
        Assert.NotSame(dropping, two.CloneInto(dropping));                    // other settings
    }

    [Fact]
    public void A_set_of_the_wrong_width_is_refused()
    {
        var net = new TwoLayerNetwork(TwoLayerParameters.Initialise(20, 5, 10, new Random(1)));
        var e = Assert.Throws<ArgumentException>(() => net.Evaluate(TestData.Random(30, 21, seed: 1), 0));
        Assert.Contains("21 dimensions", e.Message);
        Assert.Contains("expects 20", e.Message);
    }
}
