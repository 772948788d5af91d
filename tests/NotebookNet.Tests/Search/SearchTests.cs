using NotebookNet.Data;
using NotebookNet.Search;

namespace NotebookNet.Tests.Search;

public class SearchTests
{
    private static readonly DataSplit Split =
        Splits.AllBatchesRandomValidation(TestData.Synthetic(), 300, seed: 1, maxTrain: 1000);

    private static TrialSettings[] Trials(int count) =>
        LambdaSampling.RandomLogUniform(-5, -1, count, seed: 7)
            .Select(l => new TrialSettings(l, StepSize: 10, Cycles: 1, HiddenUnits: 8)).ToArray();

    [Fact]
    public void Parallel_and_serial_searches_give_identical_results()
    {
        var serial = HyperparameterSearch.Run(Trials(4), Split, parallelism: 1);
        var parallel = HyperparameterSearch.Run(Trials(4), Split, parallelism: 2);
        Assert.Equal(serial.Select(r => r.ValidationAccuracy), parallel.Select(r => r.ValidationAccuracy));
        Assert.Equal(serial.Select(r => r.ValidationLoss), parallel.Select(r => r.ValidationLoss));
    }

    [Fact]
    public void Cancelled_search_resumes_without_recomputing_finished_trials()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nbnet-search-{Guid.NewGuid():N}.jsonl");
        try
        {
            var store = new TrialStore(path);
            var trials = Trials(5);
            using var cts = new CancellationTokenSource();
            var progress = new SyncProgress<SearchProgress>(p => { if (p.Finished >= 2) cts.Cancel(); });
            Assert.ThrowsAny<OperationCanceledException>(() =>
                HyperparameterSearch.Run(trials, Split, store, parallelism: 1, progress: progress,
                cancellationToken: cts.Token));
            var saved = store.Load();
            Assert.Equal(2, saved.Count);

            int restored = -1, trained = 0;
            var resumed = HyperparameterSearch.Run(trials, Split, store, parallelism: 1,
                progress: new SyncProgress<SearchProgress>(p =>
                    { if (p.Latest is null) restored = p.Restored; else trained++; }));
            Assert.Equal(2, restored);
            Assert.Equal(3, trained);                        // only the unfinished trials ran
            Assert.Equal(5, store.Load().Count);
            Assert.Equal(saved[trials[0].Key], resumed[0]);  // the stored result is reused as is
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Torn_last_line_is_ignored()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nbnet-torn-{Guid.NewGuid():N}.jsonl");
        try
        {
            var store = new TrialStore(path);
            store.Append(new TrialResult(new TrialSettings(0.01, 10, 1), 0.5, 1.2, 0.6, 1.0));
            File.AppendAllText(path, "{\"Settings\":{\"Lambda\":0.0");
            Assert.Single(store.Load());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Sampling_follows_the_assignment()
    {
        var grid = LambdaSampling.LogGrid(-5, -1, 8);
        Assert.Equal(1e-5, grid[0], 12);
        Assert.Equal(1e-1, grid[^1], 12);
        var random = LambdaSampling.RandomLogUniform(-5, -1, 200, seed: 3);
        Assert.All(random, l => Assert.InRange(l, 1e-5, 1e-1));
        Assert.Equal(random, LambdaSampling.RandomLogUniform(-5, -1, 200, seed: 3));
        var coarse =
            new[] { 1e-4, 2e-3, 3e-3, 5e-2 }.Select((l, i) =>
            new TrialResult(new TrialSettings(l, 10, 1), new[] { .40, .52, .51, .30 }[i], 1, 1, 1)).ToArray();
        var (lo, hi) = LambdaSampling.FineRange(coarse, top: 3);
        Assert.Equal(-4, lo, 9);
        Assert.Equal(Math.Log10(3e-3), hi, 9);
    }
}
