namespace NotebookNet.Models;

/// <summary>
/// Inverted dropout: during training each input is kept with probability <see cref="KeepInput"/> (p_x)
/// and each hidden unit with <see cref="KeepHidden"/> (p_h), kept values scaled by 1/p; evaluation uses
/// every unit unscaled. 1 switches a layer's dropout off.
/// </summary>
public sealed record Dropout
{
    /// <summary>p_x, in (0, 1].</summary>
    public double KeepInput { get; }
    /// <summary>p_h, in (0, 1].</summary>
    public double KeepHidden { get; }

    /// <summary>Validates both keep-probabilities.</summary>
    public Dropout(double keepInput = 1, double keepHidden = 1)
    {
        if (!(keepInput > 0 && keepInput <= 1))
            throw new ArgumentOutOfRangeException(nameof(keepInput), keepInput,
                "the input keep-probability p_x must be in (0, 1]; 1 means no dropout.");
        if (!(keepHidden > 0 && keepHidden <= 1))
            throw new ArgumentOutOfRangeException(nameof(keepHidden), keepHidden,
                "the hidden keep-probability p_h must be in (0, 1]; 1 means no dropout.");
        KeepInput = keepInput; KeepHidden = keepHidden;
    }

    /// <summary>No dropout.</summary>
    public static Dropout None { get; } = new();

    /// <summary>True when either layer drops units.</summary>
    public bool IsActive => KeepInput < 1 || KeepHidden < 1;

    /// <inheritdoc/>
    public override string ToString() => IsActive ? $"p_x = {KeepInput}, p_h = {KeepHidden}" : "none";
}
