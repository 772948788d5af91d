using System.Text;

namespace NotebookNet.Runner;

/// <summary>
/// The runner's own console: result lines, warnings and the live progress line, written to the real
/// stdout/stderr while cells' Console output is captured into the notebook.
/// </summary>
public sealed class RunnerConsole
{
    private readonly object _gate = new();
    private readonly bool _interactive;
    private int _progressWidth;
    private DateTime _lastProgress = DateTime.MinValue;

    /// <summary>Wraps the process's current stdout and stderr.</summary>
    public RunnerConsole(TextWriter output, TextWriter error, bool interactive)
    {
        Out = output; Error = error; _interactive = interactive;
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
    /// Shows a live progress line: redrawn in place on a terminal (at most every 50 ms), printed as a line at most
    /// every 5 s when stdout is redirected (logs, CI).
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
                try { width = Math.Max(40, Console.WindowWidth - 1); } catch (IOException) { } catch (PlatformNotSupportedException) { }
                var line = "  … " + (text.Length > width - 4 ? text[..(width - 5)] + "…" : text);
                Out.Write("\r" + line.PadRight(_progressWidth));
                _progressWidth = line.Length;
            }
            else
            {
                if ((now - _lastProgress).TotalSeconds < 5) return;
                Out.WriteLine("  … " + (text.Length > 200 ? text[..199] + "…" : text));
            }
            Out.Flush();
            _lastProgress = now;
        }
    }

    /// <summary>Clears the progress line.</summary>
    public void ClearProgress()
    {
        lock (_gate) ClearLocked();
    }

    private void ClearLocked()
    {
        if (_progressWidth > 0) { Out.Write("\r" + new string(' ', _progressWidth) + "\r"); _progressWidth = 0; }
        _lastProgress = DateTime.MinValue;
    }
}

/// <summary>A Console.Out/Console.Error replacement routing text into the current cell's stream outputs.</summary>
public sealed class CaptureWriter(string streamName, Func<CellContext?> current, TextWriter fallback, TextWriter? echo) : TextWriter
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
