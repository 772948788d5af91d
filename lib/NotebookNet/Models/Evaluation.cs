namespace NotebookNet.Models;

/// <summary>A network measured on a set: mean cross-entropy (loss), loss + λ‖W‖² (cost), accuracy.</summary>
public readonly record struct Evaluation(double Loss, double Cost, double Accuracy);
