namespace NotebookNet.Reporting;

/// <summary>The published reports' numbers (shared/REFERENCE.md), to show beside ours.</summary>
public static class ReportNumbers
{
    /// <summary>One-layer baseline (report 002): (λ, η) → test accuracy, test loss.</summary>
    public static readonly (double Lambda, double Eta, double TestAccuracy, double TestLoss)[] OneLayer =
        [(0, 0.1, 0.3029, 6.48), (0, 0.001, 0.3975, 1.75), (0.1, 0.001, 0.3969, 1.87), (1, 0.001, 0.3791, 1.93)];

    /// <summary>One cycle (n_s = 500, λ = .01): the range of test accuracies in reports 000/001/003.</summary>
    public const double OneCycleLow = 0.4572, OneCycleHigh = 0.4598;
    /// <summary>Three cycles (n_s = 800): λ = .01 in report 001; λ = .025 in report 003.</summary>
    public const double ThreeCycles = 0.4746, ThreeCyclesLambda025 = 0.4713;
    /// <summary>Best coarse-search validation accuracy and λ per report.</summary>
    public static readonly (string Report, double Lambda, double ValidationAccuracy)[] Coarse =
        [("000", 0.0024, 0.5282), ("001", 0.00193, 0.5210), ("003", double.NaN, 0.5098)];
    /// <summary>Best fine-search validation accuracy and λ per report.</summary>
    public static readonly (string Report, double Lambda, double ValidationAccuracy)[] Fine =
        [("000", 9.88e-4, 0.5318), ("001", 1.668e-3, 0.5224), ("003", double.NaN, 0.5134)];
    /// <summary>Final model test accuracy per report (49k/1k, n_s = 980, 3 cycles).</summary>
    public static readonly (string Report, double TestAccuracy)[] Final =
        [("000", 0.5157), ("001", 0.512), ("003", 0.5170)];
    /// <summary>Report 004's baseline and best (m = 1000, λ =
    /// .00051, n_s = 2450, 5 cycles, p = .8, ensemble).</summary>
    public const double BonusBaseline = 0.5230, BonusBest = 0.5804;
    /// <summary>Report 004's LR range-test η_max and its accuracy.</summary>
    public const double BonusRangeTestEtaMax = 0.045, BonusRangeTestAccuracy = 0.576;
    /// <summary>The fine-search λ to use when no earlier result exists (report 000).</summary>
    public const double DefaultBestLambda = 9.88e-4;
}
