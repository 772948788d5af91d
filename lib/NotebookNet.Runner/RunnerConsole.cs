using System.Text;

namespace NotebookNet.Runner;

/// <summary>
/// The runner's own console: result lines, warnings and the live progress line, written to the real
/// stdout/stderr while cells' Console output is captured into the notebook.
/// </summary>
public sealed class RunnerConsole
{
    /// <summary>How often the latest progress is printed as a line when stdout is not a terminal (a log, CI).</summary>
    public TimeSpan LogInterval { get; }

    private readonly object _gate = new();
    private readonly bool _interactive;
    private readonly Timer? _logTimer;
    private int _progressWidth;
    private DateTime _lastProgress = DateTime.MinValue;
    private string? _unprinted;

    /// <summary>Wraps the process's current stdout and stderr;
    /// <paramref name="logInterval"/> defaults to 5 s.</summary>
    public RunnerConsole(TextWriter output, TextWriter error, bool interactive, TimeSpan? logInterval = null)
    {
        Out = output; Error = error; _interactive = interactive;
        LogInterval = logInterval ?? TimeSpan.FromSeconds(5);
        if (!interactive) _logTimer = new Timer(_ => FlushProgress(), null, LogInterval, LogInterval);
    }

    /// <summary>When the progress line was last written (UTC).</summary>
    public DateTime LastProgress => _lastProgress;

    /// <summary>The real stdout.</summary>
    public TextWriter Out { get; }
    /// <summary>The real stderr.</summary>
    public TextWriter Error { get; }

    /// <summary>Writes a line to stdout (clearing the progress line first).</summary>
    public void Line(string text)
    {
        lock (_gate) { ClearLocked(); Out.WriteLine(text); Out.Flush(); }
    }

    /// <summary>Writes a line to stderr (clearing the progress line first).</summary>
    public void Warn(string text)
    {
        lock (_gate) { ClearLocked(); Error.WriteLine(text); Error.Flush(); }
    }

    /// <summary>
    /// Shows a live progress line: redrawn in place on a terminal (at most every 50 ms); when stdout is redirected
    /// (logs, CI), the latest progress is printed as a line at most every <see cref="LogInterval"/>, so a log shows
    /// how a long cell advances rather than only where it started.
    /// </summary>
    public void Progress(string text)
    {
        text = text.ReplaceLineEndings(" ").Trim();
        lock (_gate)
        {
            var now = DateTime.UtcNow;
            if (_interactive)
            {
                if ((now - _lastProgress).TotalMilliseconds < 50) return;
                int width = 120;
                try { width = Math.Max(40, Console.WindowWidth - 1); }
                catch (IOException) { }
                catch (PlatformNotSupportedException) { }
                var line = "  … " + (text.Length > width - 4 ? text[..(width - 5)] + "…" : text);
                Out.Write("\r" + line.PadRight(_progressWidth));
                _progressWidth = line.Length;
                Out.Flush();
                _lastProgress = now;
            }
            else
            {
                _unprinted = text;
                if (now - _lastProgress >= LogInterval) PrintLocked(now);
            }
        }
    }

    /// <summary>Clears the progress line (and forgets progress not yet printed to a log: the cell's result line
    /// follows).</summary>
    public void ClearProgress()
    {
        lock (_gate) ClearLocked();
    }

    private void FlushProgress()
    {
        lock (_gate)
        {
            var now = DateTime.UtcNow;
            if (_unprinted is not null && now - _lastProgress >= LogInterval) PrintLocked(now);
        }
    }

    private void PrintLocked(DateTime now)
    {
        var text = _unprinted!;
        Out.WriteLine("  … " + (text.Length > 200 ? text[..199] + "…" : text));
        Out.Flush();
        _unprinted = null;
        _lastProgress = now;
    }

    private void ClearLocked()
    {
        if (_progressWidth > 0) { Out.Write("\r" + new string(' ', _progressWidth) + "\r"); _progressWidth = 0; }
        _unprinted = null;
        _lastProgress = DateTime.MinValue;
    }
}

/// <summary>A Console.Out/Console.Error replacement routing text into the current cell's stream outputs.</summary>
public sealed class CaptureWriter(string streamName, Func<CellContext?> current, TextWriter fallback, TextWriter? echo)
    : TextWriter
{
    /// <inheritdoc/>
    public override Encoding Encoding => Encoding.UTF8;

    /// <inheritdoc/>
    public override void Write(char value) => Write(value.ToString());

    /// <inheritdoc/>
    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    /// <inheritdoc/>
    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        if (current() is { } cell)
        {
            cell.AppendStream(streamName, value);
            echo?.Write(value);
        }
        else fallback.Write(value);
    }

    /// <inheritdoc/>
    public override void WriteLine(string? value) => Write(value + Environment.NewLine);

    /// <inheritdoc/>
    public override void WriteLine() => Write(Environment.NewLine);
}
