using NotebookNet.Data;

namespace NotebookNet.Tests.Data;

public class LabeledSetTests
{
    [Fact]
    public void Concat_keeps_rows_and_labels_in_order()
    {
        var a = TestData.Random(3, 4, seed: 1);
        var b = TestData.Random(0, 4, seed: 2);
        var c = TestData.Random(5, 4, seed: 3);
        var all = LabeledSet.Concat(a, b, c);
        Assert.Equal(4, all.Dimensions);
        Assert.Equal([.. a.X, .. c.X], all.X);
        Assert.Equal([.. a.Y, .. c.Y], all.Y);
        Assert.NotSame(a.X, LabeledSet.Concat(a).X); // a copy, even of one set
    }

    [Fact]
    public void Concat_refuses_sets_of_different_width_and_no_sets()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            LabeledSet.Concat(TestData.Random(2, 4, seed: 1), TestData.Random(2, 5, seed: 2)));
        Assert.Contains("differ in d", e.Message);
        Assert.Throws<ArgumentException>(() => LabeledSet.Concat());
    }

    [Fact]
    public void FromBatch_with_a_count_is_the_first_rows_of_the_whole_batch()
    {
        var batch = TestData.Synthetic().Batch(1);
        var whole = LabeledSet.FromBatch(batch);
        var first = LabeledSet.FromBatch(batch, 7);
        Assert.Equal(whole.X[..(7 * Cifar10.Dimensions)], first.X);
        Assert.Equal(whole.Y[..7], first.Y);
        Assert.Equal(whole.X, LabeledSet.FromBatch(batch, batch.Count + 1).X);
    }

    /// <summary>The quick-mode split as it was built before it took
    /// only the capped rows: everything, then the first rows.</summary>
    private static DataSplit CappedAfterwards(Cifar10Dataset data, int validationSize, int seed, int max)
    {
        var all = LabeledSet.Concat([.. data.TrainingBatches.Select(b => LabeledSet.FromBatch(b))]);
        var order = Enumerable.Range(0, all.Count).ToArray();
        new Random(seed).Shuffle(order);
        var train = all.Select(order[validationSize..]).Take(max);
        var s = Standardiser.Fit(train);
        return new DataSplit(s.Apply(train), s.Apply(all.Select(order[..validationSize])),
            s.Apply(LabeledSet.FromBatch(data.Test).Take(max)),
            data.ClassNames, "", data.Source);
    }

    [Theory]
    [InlineData(120)]
    [InlineData(2499)] // more than the 2 200 rows left after validation: all of them
    public void Quick_split_chooses_the_same_rows_bitwise(int max)
    {
        var data = TestData.Synthetic();
        var quick = Splits.AllBatchesRandomValidation(data, 300, seed: 3, maxTrain: max);
        var expected = CappedAfterwards(data, 300, 3, max);
        Assert.Equal(expected.Train.X, quick.Train.X);
        Assert.Equal(expected.Train.Y, quick.Train.Y);
        Assert.Equal(expected.Validation.X, quick.Validation.X);
        Assert.Equal(expected.Test.X, quick.Test.X);
        Assert.Equal(expected.Test.Y, quick.Test.Y);
    }

    [Fact]
    public void Quick_batch_split_is_the_first_rows_bitwise()
    {
        var data = TestData.Synthetic();
        var quick = Splits.Batch1Batch2Test(data, maxTrain: 50);
        var train = LabeledSet.FromBatch(data.Batch(1)).Take(50);
        var s = Standardiser.Fit(train);
        Assert.Equal(s.Apply(train).X, quick.Train.X);
        Assert.Equal(s.Apply(LabeledSet.FromBatch(data.Batch(2)).Take(50)).X, quick.Validation.X);
        Assert.Equal(s.Apply(LabeledSet.FromBatch(data.Test).Take(50)).Y, quick.Test.Y);
        Assert.Equal(50, quick.Test.Count);
    }
}
