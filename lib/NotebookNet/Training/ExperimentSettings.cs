namespace NotebookNet.Training;

/// <summary>
/// One configuration of the bonus study (report 004's TC rows): width, λ, schedule, dropout,
/// snapshot ensemble and augmentation. Validated through the records it builds.
/// </summary>
public sealed record ExperimentSettings(string Name, int HiddenUnits = 50, double Lambda = 0.01, int StepSize = 900,
    int Cycles = 2, double EtaMax = 0.1, double KeepInput = 1, double KeepHidden = 1, bool Ensemble = false,
    bool Augment = false, int Seed = 1);
