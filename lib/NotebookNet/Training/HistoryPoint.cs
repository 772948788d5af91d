using NotebookNet.Models;

namespace NotebookNet.Training;

/// <summary>One logged point of a training run: step t, epoch, η_t, and train/validation measures.</summary>
public sealed record HistoryPoint(int Step, double Epoch, double Eta, Evaluation Train, Evaluation Validation);
