using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookNet.Runner.Kernel;

namespace NotebookNet.Benchmarks;

/// <summary>
/// `kernel`: starts our Jupyter kernel (the built runner's <c>kernel run</c>) with a connection file and talks Jupyter
/// messaging to it as a client does (<see cref="JupyterClient"/>): start → ready (a <c>kernel_info_reply</c> and IOPub
/// delivering), the first cell (<c>1+1</c>, to its reply and idle status), the median round trip of 50 × <c>1+1</c>,
/// and an interrupt of a running training cell (from <c>interrupt_request</c> to the cell's reply; then checks that an
/// earlier cell's variable survived). The last line printed is one JSON object.
/// </summary>
internal static class JupyterKernelCommand
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(120);

    public static int Run(string[] args)
    {
        var root = RepositoryRoot.Find(Environment.CurrentDirectory) ?? RepositoryRoot.Find(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("run inside the repository");
        var runner = Path.Combine(root, "lib", "NotebookNet.Runner", "bin", "Release", "net10.0",
            "NotebookNet.Runner.dll");
        var library = Path.Combine(root, "lib", "NotebookNet", "bin", "Release", "net10.0", "NotebookNet.dll");
        if (!File.Exists(runner) || !File.Exists(library))
        {
            Console.Error.WriteLine($"build first (dotnet build -c Release): {runner} or {library} is missing");
            return 1;
        }
        var ports = FreePorts(5);
        var connection = new ConnectionFile
        {
            Ip = "127.0.0.1", ShellPort = ports[0], IOPubPort = ports[1], StdinPort = ports[2], ControlPort = ports[3],
            HeartbeatPort = ports[4], Key = Guid.NewGuid().ToString(), KernelName = "notebooknet",
        };
        var file = Path.Combine(Path.GetTempPath(), $"notebooknet-bench-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, connection.ToJson());
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}");

        var info = new ProcessStartInfo(KernelSpec.RunnerCommand()[0])
        {
            WorkingDirectory = Path.Combine(root, "notebooks"), RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { runner, "kernel", "run", "--connection-file", file }) info.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var kernel = Process.Start(info)!;
        var log = new System.Text.StringBuilder();
        kernel.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        kernel.BeginErrorReadLine();
        using var client = new JupyterClient(connection);
        try
        {
            double ready = Ready(client, clock);
            Console.WriteLine($"ready (kernel_info_reply, IOPub delivering): {ready:0.000} s");
            double first = Cell(client, "1+1", "2");
            Console.WriteLine($"first cell 1+1: {first:0.000} s");
            var trips = Enumerable.Range(0, 50).Select(_ => Cell(client, "1+1", "2") * 1000).Order().ToArray();
            double median = (trips[24] + trips[25]) / 2;
            Console.WriteLine(
                $"round trip 1+1, 50 times: median {median:0.0} ms (min {trips[0]:0.0}, max {trips[^1]:0.0})");
            var (interrupt, kept) = Interrupt(client, library);
            Console.WriteLine(
                $"interrupt of a training cell to its reply: {interrupt:0.000} s; earlier variables kept: {kept}");
            Shutdown(client, kernel);
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                readySeconds = Math.Round(ready, 3), firstCellSeconds = Math.Round(first, 3),
                roundTripMs = Math.Round(median, 1), interruptSeconds = Math.Round(interrupt, 3),
            }));
            return kept ? 0 : 1;
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            Console.Error.WriteLine($"kernel benchmark failed: {e.Message}");
            lock (log) Console.Error.WriteLine($"kernel log:\n{log}");
            if (!kernel.HasExited) kernel.Kill(entireProcessTree: true);
            return 1;
        }
        finally { File.Delete(file); }
    }

    /// <summary>Seconds from process start until a kernel_info_reply came and its idle status arrived on
    /// IOPub.</summary>
    private static double Ready(JupyterClient client, Stopwatch clock)
    {
        while (clock.Elapsed < Long)
        {
            var id = client.Send("kernel_info_request", []);
            if (client.Reply(id, TimeSpan.FromSeconds(1)) is null) continue;
            if (client.IOPub(id, JupyterClient.IsIdle, TimeSpan.FromMilliseconds(300)) is not null)
                return clock.Elapsed.TotalSeconds;
        }
        throw new TimeoutException("the kernel did not answer kernel_info_request");
    }

    /// <summary>Seconds from execute_request to its reply and idle status; checks the result.</summary>
    private static double Cell(JupyterClient client, string code, string? expected)
    {
        var clock = Stopwatch.StartNew();
        var id = client.Execute(code);
        var reply = client.Reply(id, Long) ?? throw new TimeoutException($"no reply to {code}");
        var messages = client.IOPub(id, JupyterClient.IsIdle, Long)
            ?? throw new TimeoutException($"no idle after {code}");
        double seconds = clock.Elapsed.TotalSeconds;
        if ((string?)reply.Content["status"] != "ok") throw new InvalidOperationException($"{code}: {reply.Content}");
        var result = messages.FirstOrDefault(m => m.Type == "execute_result")?.Content["data"]?["text/plain"]
            ?.GetValue<string>();
        if (expected is not null && result != expected)
            throw new InvalidOperationException($"{code} gave {result}, expected {expected}");
        return seconds;
    }

    private static (double Seconds, bool Kept) Interrupt(JupyterClient client, string library)
    {
        Cell(client, $"#r \"{library}\"\nusing NotebookNet.Data;\nusing NotebookNet.Models;\n" +
                     "using NotebookNet.Training;\nvar data = SyntheticCifar10.Generate(recordsPerBatch: 500);\n" +
                     "var split = Splits.Batch1Batch2Test(data);\n" +
                     "var kept = 42;", null);
        var id = client.Execute(
            "var network = new TwoLayerNetwork(\n" +
            "    TwoLayerParameters.Initialise(Cifar10.Dimensions, 50, 10, new Random(1)));\n" +
            "var status = display(\"starting\");\n" +
            "Trainer.Train(network, split.Train, split.Validation,\n" +
            "    TrainingOptions.Cyclical(0.01, 100, 100000) with { Seed = 1 },\n" +
            "    new InlineProgress<TrainingProgress>(p => status.Update(p.ToString())));");
        _ = client.IOPub(id, m => m.Type == "update_display_data", Long)
            ?? throw new TimeoutException("training did not start");
        Thread.Sleep(300);
        var clock = Stopwatch.StartNew();
        client.Send("interrupt_request", [], control: true);
        var reply = client.Reply(id, TimeSpan.FromSeconds(30))
            ?? throw new TimeoutException("the interrupted cell did not reply");
        double seconds = clock.Elapsed.TotalSeconds;
        client.IOPub(id, JupyterClient.IsIdle, Long);
        if ((string?)reply.Content["ename"] != "KeyboardInterrupt")
            throw new InvalidOperationException($"the interrupted cell replied {reply.Content}");
        bool kept;
        try { Cell(client, "kept", "42"); kept = true; }
        catch (InvalidOperationException) { kept = false; }
        return (seconds, kept);
    }

    private static void Shutdown(JupyterClient client, Process kernel)
    {
        var id = client.Send("shutdown_request", new JsonObject { ["restart"] = false }, control: true);
        client.Reply(id, TimeSpan.FromSeconds(10), control: true);
        if (kernel.WaitForExit(TimeSpan.FromSeconds(15))) return;
        kernel.Kill(entireProcessTree: true);
        Console.WriteLine("kernel did not exit; killed");
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        foreach (var l in listeners) l.Start();
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        foreach (var l in listeners) l.Stop();
        return ports;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
