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
    public void The_schedule_states_its_cycle_and_the_length_counts_steps_epochs_or_cycles()
    {
        var cyclical = new CyclicalLearningRate(500);
        Assert.Equal(1000, cyclical.CycleLength);
        Assert.Null(new ConstantLearningRate(0.1).CycleLength);
        Assert.Equal(7, TrainingLength.Steps(7).TotalSteps(450, cyclical));
        Assert.Equal(900, TrainingLength.Epochs(2).TotalSteps(450, cyclical));
        Assert.Equal(3000, TrainingLength.Cycles(3).TotalSteps(450, cyclical));
        var constant = new ConstantLearningRate(0.1);
        Assert.Throws<InvalidOperationException>(() => TrainingLength.Cycles(3).TotalSteps(450, constant));
        Assert.Equal(450, Trainer.StepsPerEpoch(45_099));
        Assert.Equal(9000, TrainingOptions.Cyclical(0.01, stepSize: 900, cycles: 5).TotalSteps(45_000));
        Assert.Equal(40 * 100, TrainingOptions.FixedEta(0.1, 0, epochs: 40).TotalSteps(10_000));
    }

    [Fact]
    public void Absurd_settings_are_rejected_with_the_reason()
    {
        Assert.Contains("n_s", Assert.Throws<ArgumentOutOfRangeException>(() => new CyclicalLearningRate(0)).Message);
        Assert.Contains("η_max",
            Assert.Throws<ArgumentOutOfRangeException>(() => new CyclicalLearningRate(500, 1e-2, 1e-3)).Message);
        Assert.Contains("λ",
            Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { Lambda = -1 }).Message);
        Assert.Contains("batch",
            Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { BatchSize = 0 }).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { BatchSize = 200 }.TotalSteps(100));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainingOptions.FixedEta(double.NaN, 0, 1));
    }
}
