using NotebookNet.Training;

namespace NotebookNet.Tests.Training;

public class ScheduleTests
{
    [Theory]
    [InlineData(0, 1e-5)]
    [InlineData(250, 0.050005)]
    [InlineData(500, 0.1)]
    [InlineData(750, 0.050005)]
    [InlineData(1000, 1e-5)]
    [InlineData(1500, 0.1)]
    [InlineData(2000, 1e-5)]
    public void Triangular_values_at_known_steps(int t, double expected) =>
        Assert.Equal(expected, new CyclicalLearningRate(500, 1e-5, 1e-1).At(t), 12);

    [Fact]
    public void Absurd_settings_are_rejected_with_the_reason()
    {
        Assert.Contains("n_s", Assert.Throws<ArgumentOutOfRangeException>(() => new CyclicalLearningRate(0)).Message);
        Assert.Contains("η_max", Assert.Throws<ArgumentOutOfRangeException>(() => new CyclicalLearningRate(500, 1e-2, 1e-3)).Message);
        Assert.Contains("λ", Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { Lambda = -1 }).Message);
        Assert.Contains("batch", Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { BatchSize = 0 }).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { BatchSize = 200 }.TotalSteps(100));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainingOptions.FixedEta(double.NaN, 0, 1));
    }
}
