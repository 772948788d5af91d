using NotebookNet.Data;
using NotebookNet.Training;

namespace NotebookNet.Tests.Training;

/// <summary>The LR range test: η sweeps upward over half a cycle and the suggestion lies inside the range.</summary>
public class LearningRateRangeTestTests
{
    private static readonly DataSplit Split = Splits.Batch1Batch2Test(TestData.Synthetic());

    [Fact]
    public void Range_test_sweeps_eta_upward_and_suggests_a_value_inside_the_range()
    {
        var r = LearningRateRangeTest.Run(Split.Train, Split.Validation, hiddenUnits: 16, lambda: 0.001, epochs: 2,
            points: 10);
        Assert.Equal(2 * (Split.Train.Count / 100), r.Run.Steps);   // half a cycle over 2 epochs
        Assert.True(r.Eta.Zip(r.Eta.Skip(1)).All(p => p.Second > p.First), "η must increase through the test");
        Assert.InRange(r.SuggestedEtaMax, 1e-6, 1e-1);
        Assert.Equal(r.ValidationAccuracy.Max(), r.ValidationAccuracy[r.Eta.ToList().IndexOf(r.SuggestedEtaMax)]);
    }
}
