using BenchmarkDotNet.Running;
using NotebookNet.Benchmarks;

// `kernel`: our Jupyter kernel's start, first cell, round trip and interrupt (last line one JSON object);
// `epoch`: the quick end-to-end timing (last line one JSON object); `profile [m]`: one step stage by stage;
// `data`: the data step against the numpy peer's bench_data.py (last line one JSON object);
// anything else: the BenchmarkDotNet suite (e.g. `-- --filter *KernelBenchmarks*`).
if (args.Length > 0 && args[0] == "profile")
    return ProfileCommand.Run(args[1..]);
if (args.Length > 0 && args[0] == "data")
    return DataCommand.Run(args[1..]);
if (args.Length > 0 && args[0] == "kernel")
    return JupyterKernelCommand.Run(args[1..]);
if (args.Length > 0 && args[0] == "epoch")
    return EpochCommand.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(KernelBenchmarks).Assembly).Run(args);
return 0;
