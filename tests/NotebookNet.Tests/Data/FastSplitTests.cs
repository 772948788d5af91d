using NotebookNet.Data;
using NotebookNet.Numerics;

namespace NotebookNet.Tests.Data;

/// <summary>
/// The fast data step (vector kernels, both cores, rows picked from the raw batches) equals the reference bit for bit.
/// </summary>
public class FastSplitTests
{
    private static void AssertSame(DataSplit expected, DataSplit actual)
    {
        foreach (var (e, a, name) in new[] { (expected.Train, actual.Train, "train"),
                     (expected.Validation, actual.Validation, "validation"), (expected.Test, actual.Test, "test") })
        {
            Assert.Equal(e.Y, a.Y);
            Assert.Equal(e.Dimensions, a.Dimensions);
            for (int i = 0; i < e.X.Length; i++)
                if (BitConverter.SingleToInt32Bits(e.X[i]) != BitConverter.SingleToInt32Bits(a.X[i]))
                    Assert.Fail($"{name}: value {i} (sample {i / e.Dimensions}, feature {i % e.Dimensions}) " +
                                $"is {a.X[i]:R}, the reference {e.X[i]:R}");
        }
    }

    [Theory]
    [InlineData(300, 3, null)]
    [InlineData(300, 3, 120)]
    [InlineData(1, 7, 2499)]
    [InlineData(2498, 1, null)]
    public void Random_validation_split_equals_the_reference_bitwise(int validationSize, int seed, int? maxTrain)
    {
        var data = TestData.Synthetic();
        AssertSame(ReferenceSplits.AllBatchesRandomValidation(data, validationSize, seed, maxTrain),
            Splits.AllBatchesRandomValidation(data, validationSize, seed, maxTrain));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(37)]
    public void Batch_split_equals_the_reference_bitwise(int? maxTrain)
    {
        var data = TestData.Synthetic();
        AssertSame(ReferenceSplits.Batch1Batch2Test(data, maxTrain), Splits.Batch1Batch2Test(data, maxTrain));
    }

    [Fact]
    public void One_core_and_two_give_the_same_split()
    {
        var data = TestData.Synthetic();
        DataSplit single;
        using (KernelThreads.Single()) single = Splits.AllBatchesRandomValidation(data, 500, seed: 5);
        AssertSame(single, Splits.AllBatchesRandomValidation(data, 500, seed: 5));
    }

    [Fact]
    public void Float_fit_and_apply_equal_the_reference_bitwise_for_any_width()
    {
        var set = TestData.Random(203, 1031, seed: 4);   // d not a multiple of any vector width or block
        var (mean, std) = ReferenceSplits.Fit(set);
        var s = Standardiser.Fit(set);
        Assert.Equal(mean, s.Mean);
        Assert.Equal(std, s.Std);
        Assert.Equal(ReferenceSplits.Apply(mean, std, set).X, s.Apply(set).X);
    }

    [Fact]
    public void FromBatch_equals_the_scalar_conversion()
    {
        var batch = TestData.Synthetic().Batch(3);
        Assert.Equal(ReferenceSplits.FromBatch(batch, 77).X, LabeledSet.FromBatch(batch, 77).X);
    }

    [Fact]
    public void Real_data_splits_equal_the_reference_bitwise()
    {
        var data = TestData.RealOrSkip();
        AssertSame(ReferenceSplits.AllBatchesRandomValidation(data, 5000, seed: 1),
            Splits.AllBatchesRandomValidation(data, 5000, seed: 1));
        AssertSame(ReferenceSplits.AllBatchesRandomValidation(data, 1000, seed: 1, maxTrain: 5000),
            Splits.AllBatchesRandomValidation(data, 1000, seed: 1, maxTrain: 5000));
    }

    [Fact]
    public void Rows_out_of_range_and_malformed_batches_are_refused()
    {
        var data = TestData.Synthetic();
        Assert.Throws<ArgumentOutOfRangeException>(() => new PixelRows(data.TrainingBatches, [2500]));
        var bad = new Cifar10Batch("bad", new byte[10], [1, 2]);
        var e = Assert.Throws<ArgumentException>(() => PixelRows.First(bad));
        Assert.Contains("bad", e.Message);
    }
}
