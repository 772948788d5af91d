using NotebookNet.Data;

namespace NotebookNet.Runner;

/// <summary>
/// What a run injects into each notebook, checked before any notebook runs: every override (<c>-p</c>, <c>--quick</c>,
/// <c>--data</c>) must name a parameter that at least one of the notebooks declares (else a usage error that lists
/// them and suggests the closest name), its value must parse as that parameter's type, and a data path must exist.
/// A notebook gets only the overrides it declares.
/// </summary>
public sealed class ParameterPlan
{
    private readonly Dictionary<string, List<(string Name, string Literal)>> _byNotebook;

    private ParameterPlan(Dictionary<string, List<(string, string)>> byNotebook, IReadOnlyList<string> notes)
    {
        _byNotebook = byNotebook;
        Notes = notes;
    }

    /// <summary>Lines worth telling the user (an override that only some notebooks declare).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The assignments for the notebook at <paramref name="path"/>, in command-line order.</summary>
    public IReadOnlyList<(string Name, string Literal)> For(string path) =>
        _byNotebook.TryGetValue(Path.GetFullPath(path), out var list) ? list : [];

    /// <summary>Checks <paramref name="overrides"/> (later wins) against the notebooks' parameters cells.</summary>
    /// <exception cref="ArgumentException">An unknown name, a value of the wrong type or a data path that does not
    /// exist.</exception>
    public static ParameterPlan Build(IReadOnlyList<string> notebooks,
        IReadOnlyList<KeyValuePair<string, string>> overrides)
    {
        var declared = notebooks.ToDictionary(p => Path.GetFullPath(p),
            p => NotebookParameters.Read(NotebookDocument.Load(p)));
        var byNotebook = declared.Keys.ToDictionary(p => p, _ => new List<(string, string)>());
        var notes = new List<string>();
        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in overrides) last[name] = value;
        foreach (var (name, raw) in last)
        {
            var owners = declared.Where(d => d.Value.Any(p => p.Name == name)).ToArray();
            if (owners.Length == 0) throw new ArgumentException(Unknown(name, raw, declared));
            var value = name == "DataSource" ? DataPath(raw) : raw;
            foreach (var (path, parameters) in owners)
            {
                var parameter = parameters.First(p => p.Name == name);
                if (NotebookParameters.Problem(parameter, value) is { } problem)
                    throw new ArgumentException($"-p {name}={raw}: {problem} ({Stem(path)})");
                byNotebook[path].Add((name, NotebookParameters.Literal(parameter, value)));
            }
            if (owners.Length < declared.Count)
                notes.Add($"note: {name} is a parameter of {string.Join(", ", owners.Select(o => Stem(o.Key)))} " +
                    "only; the other notebooks run without it.");
        }
        return new ParameterPlan(byNotebook, notes);
    }

    /// <summary>A data source as the notebooks must see it: <c>auto</c> and <c>synthetic</c> as they are, a path made
    /// absolute (it must exist).</summary>
    public static string DataPath(string value)
    {
        if (value.Equals("auto", StringComparison.OrdinalIgnoreCase)
            || value.Equals("synthetic", StringComparison.OrdinalIgnoreCase))
            return value;
        return UserPath.Find(value) ?? throw new ArgumentException(
            $"--data {value}: does not exist ({UserPath.Tried(value)}). " +
            "Pass a cifar-10-binary.tar.gz archive, an extracted cifar-10-batches-bin directory, or synthetic.");
    }

    private static string Unknown(string name, string value,
        Dictionary<string, IReadOnlyList<NotebookParameter>> declared)
    {
        var all = declared.Values.SelectMany(p => p.Select(x => x.Name)).Distinct().ToArray();
        var closest = NotebookParameters.Closest(name, all);
        var message = $"-p {name}={value}: no notebook of this run has a parameter \"{name}\"" +
            (closest is not null ? $"; did you mean {closest}? (-p {closest}={value})" : ".");
        var lists = declared.Select(d => $"  {Stem(d.Key)}: " +
            $"{(d.Value.Count == 0 ? "(no parameters cell)" : string.Join(", ", d.Value.Select(p => p.Name)))}");
        return message + "\nThe notebooks' parameters (their cell tagged \"parameters\"):\n" + string.Join("\n", lists);
    }

    private static string Stem(string path) => Path.GetFileNameWithoutExtension(path);
}
