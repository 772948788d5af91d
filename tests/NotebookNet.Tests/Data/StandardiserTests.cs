using NotebookNet.Data;

namespace NotebookNet.Tests.Data;

public class StandardiserTests
{
    [Fact]
    public void Uses_training_statistics_only()
    {
        var train = new LabeledSet([1, 10, 3, 20, 5, 30], [0, 1, 2], 2);   // feature 0: 1,3,5 ; feature 1: 10,20,30
        var test = new LabeledSet([100, 0], [0], 2);
        var s = Standardiser.Fit(train);
        Assert.Equal(3f, s.Mean[0], 5);
        Assert.Equal(20f, s.Mean[1], 5);
        var std0 = Math.Sqrt(8.0 / 3);
        var t = s.Apply(test);
        Assert.Equal((100 - 3) / std0, t.X[0], 4);   // test data is shifted by the training mean, not its own
        var z = s.Apply(train);
        Assert.Equal(0, z.X.Where((_, i) => i % 2 == 0).Sum(), 5);
    }

    [Fact]
    public void Splits_standardise_with_the_training_split()
    {
        var split = Splits.Batch1Batch2Test(TestData.Synthetic());
        double mean0 = Enumerable.Range(0, split.Train.Count).Average(i => split.Train.Row(i)[0]);
        double valMean0 = Enumerable.Range(0, split.Validation.Count).Average(i => split.Validation.Row(i)[0]);
        Assert.Equal(0, mean0, 4);
        Assert.NotEqual(0, valMean0, 4); // validation is not re-centred on its own statistics
    }

    [Fact]
    public void Random_validation_split_is_seeded_and_disjoint()
    {
        var data = TestData.Synthetic();
        var a = Splits.AllBatchesRandomValidation(data, 300, seed: 3);
        var b = Splits.AllBatchesRandomValidation(data, 300, seed: 3);
        Assert.Equal(2500 - 300, a.Train.Count);
        Assert.Equal(300, a.Validation.Count);
        Assert.Equal(a.Validation.Y, b.Validation.Y);
        Assert.Equal(a.Validation.X, b.Validation.X);
    }
}
