using System.Diagnostics;

namespace NotebookNet.Numerics;

/// <summary>
/// How many cores the <see cref="Gemm"/> kernels use. Large products are split between the calling
/// thread and persistent worker threads that spin briefly after each job (hand-off ≈ 0.2 µs) and then
/// block, so they cost nothing while idle. A product is cut along rows or columns of its result, and
/// along the summed dimension only at halves fixed by the shape, so results are bitwise identical
/// whatever the thread count.
/// </summary>
/// <remarks>
/// A hyperparameter search that runs one trial per core wraps each trial in
/// <c>using (KernelThreads.Single()) { … }</c>, or sets <see cref="MaxThreads"/> to 1. When two threads
/// call kernels at the same time, the one that finds the workers busy runs its product on its own thread.
/// </remarks>
public static class KernelThreads
{
    private static int s_maxThreads = Math.Clamp(Environment.ProcessorCount, 1, 2);
    private static int s_busy;
    internal static long s_parallelRuns;
    private static Worker[] s_workers = [];
    private static readonly object s_gate = new();
    [ThreadStatic] private static int t_singleDepth;

    /// <summary>
    /// Upper bound on the threads one product uses (default: 2, or 1 on a single-core machine).
    /// Set to 1 to make every kernel single-threaded process-wide.
    /// </summary>
    public static int MaxThreads
    {
        get => s_maxThreads;
        set => s_maxThreads = Math.Clamp(value, 1, 64);
    }

    /// <summary>How long an idle worker spins before it blocks (default 1 ms).</summary>
    public static TimeSpan SpinBeforeBlocking { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>True when kernels called from the current thread run on that thread only.</summary>
    public static bool IsSingleThreaded => t_singleDepth > 0 || s_maxThreads <= 1;

    /// <summary>The threads a product started on the current thread may use now.</summary>
    public static int Available => IsSingleThreaded ? 1 : s_maxThreads;

    /// <summary>
    /// Makes the kernels called from the current thread single-threaded until the returned scope is
    /// disposed (scopes nest): <c>using (KernelThreads.Single()) { trial… }</c>.
    /// </summary>
    public static SingleThreadedScope Single()
    {
        t_singleDepth++;
        return new SingleThreadedScope(true);
    }

    /// <summary>Ends a <see cref="Single"/> scope when disposed.</summary>
    public readonly struct SingleThreadedScope : IDisposable
    {
        private readonly bool _active;
        internal SingleThreadedScope(bool active) => _active = active;
        /// <summary>Restores the previous setting of the current thread.</summary>
        public void Dispose() { if (_active && t_singleDepth > 0) t_singleDepth--; }
    }

    /// <summary>The most chunks one <see cref="Run"/> takes (one bit each in the claim mask).</summary>
    internal const int MaxChunks = 64;

    /// <summary>
    /// Runs <c>body(args, chunk, chunks)</c> for chunk = 0..chunks−1 and returns when all are done.
    /// Threads claim chunks from a shared mask: the calling thread from chunk 0 upwards, the workers
    /// from the last chunk downwards. So a worker that the OS has not scheduled yet simply gets none
    /// (the caller never waits for a worker that has not started), and when both run, the caller keeps
    /// the low chunks and the worker the high ones, step after step: the data a chunk writes (e.g. its
    /// columns of W1) stays in the cache of the core that owns it instead of crossing between cores.
    /// </summary>
    internal static unsafe void Run(delegate*<void*, int, int, void> body, void* args, int chunks)
    {
        if (chunks > MaxChunks)
            throw new ArgumentOutOfRangeException(nameof(chunks), chunks, $"at most {MaxChunks} chunks.");
        int threads = Math.Min(chunks, Available);
        if (threads <= 1 || Interlocked.CompareExchange(ref s_busy, 1, 0) != 0)
        {
            for (int i = 0; i < chunks; i++) body(args, i, chunks);
            return;
        }
        try
        {
            Interlocked.Increment(ref s_parallelRuns);
            var workers = EnsureWorkers(threads - 1);
            Volatile.Write(ref s_claimed.Value, 0);
            for (int w = 0; w < threads - 1; w++) workers[w].Post(body, args, chunks);
            Exception? error = Claim(body, args, chunks, descending: false);
            for (int w = 0; w < threads - 1; w++) error ??= workers[w].Finish();
            if (error is not null) throw new AggregateException("a kernel chunk failed", error);
        }
        finally { Volatile.Write(ref s_busy, 0); }
    }

    /// <summary>
    /// How many threads <see cref="ForEach"/> would use for <paramref name="count"/> items now (≥ 1).
    /// </summary>
    public static int PartsFor(int count) => Math.Max(1, Math.Min(count, Available));

    /// <summary>
    /// Runs <c>body(item, part)</c> for item = 0..count−1, the items handed out one at a time to
    /// <paramref name="parts"/> threads (the caller and the kernel workers; <c>part</c> says which, for
    /// per-thread workspaces). Kernels called inside run single-threaded. For coarse independent work,
    /// e.g. evaluation in chunks: one chunk per core also runs the small work (bias, ReLU, softmax) on
    /// both cores and needs no hand-off per product. Results must not depend on which thread takes an item.
    /// </summary>
    public static unsafe void ForEach(int count, int parts, Action<int, int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (count <= 0) return;
        parts = Math.Clamp(parts, 1, Math.Min(count, MaxChunks));
        var job = new ForEachJob(body, count);
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(job);
        try { Run(&ForEachPart, (void*)System.Runtime.InteropServices.GCHandle.ToIntPtr(handle), parts); }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
        finally { handle.Free(); }
    }

    private sealed class ForEachJob(Action<int, int> body, int count)
    {
        public readonly Action<int, int> Body = body;
        public readonly int Count = count;
        public int Next;
    }

    private static unsafe void ForEachPart(void* args, int part, int parts)
    {
        var job = (ForEachJob)System.Runtime.InteropServices.GCHandle.FromIntPtr((nint)args).Target!;
        using (Single())
            for (int item; (item = Interlocked.Increment(ref job.Next) - 1) < job.Count;) job.Body(item, part);
    }

    private static PaddedLong s_claimed;

    private static unsafe Exception? Claim(delegate*<void*, int, int, void> body, void* args, int chunks,
        bool descending)
    {
        long all = chunks == 64 ? -1L : (1L << chunks) - 1;
        try
        {
            for (int step = 0; step < chunks; step++)
            {
                long seen = Volatile.Read(ref s_claimed.Value);
                if ((seen & all) == all) break;
                int i = descending ? chunks - 1 - step : step;
                long bit = 1L << i;
                if ((seen & bit) != 0 || (Interlocked.Or(ref s_claimed.Value, bit) & bit) != 0) continue;
                body(args, i, chunks);
            }
            return null;
        }
        catch (Exception e)
        {
            Volatile.Write(ref s_claimed.Value, -1L);   // others stop claiming
            return e;
        }
    }

    private static Worker[] EnsureWorkers(int count)
    {
        var workers = s_workers;
        if (workers.Length >= count) return workers;
        lock (s_gate)
        {
            if (s_workers.Length < count)
            {
                var grown = new Worker[count];
                s_workers.CopyTo(grown, 0);
                for (int i = s_workers.Length; i < count; i++) grown[i] = new Worker(i + 1);
                s_workers = grown;
            }
            return s_workers;
        }
    }

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit, Size = 128)]
    private struct PaddedInt
    {
        [System.Runtime.InteropServices.FieldOffset(64)] public int Value;
    }

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit, Size = 128)]
    private struct PaddedLong
    {
        [System.Runtime.InteropServices.FieldOffset(64)] public long Value;
    }

    private sealed unsafe class Worker
    {
        private const int Idle = 0, Posted = 1, Running = 2;
        private PaddedInt _state;                       // own cache line: caller and worker both write it
        private int _sleeping;
        private delegate*<void*, int, int, void> _body;
        private void* _args;
        private int _chunks;
        private Exception? _error;
        private readonly ManualResetEventSlim _wake = new(false, 0);

        public Worker(int index)
        {
            var thread = new Thread(Loop, 256 * 1024)
            {
                IsBackground = true, Name = $"NotebookNet kernel worker {index}",
            };
            thread.Start();
        }

        public void Post(delegate*<void*, int, int, void> body, void* args, int chunks)
        {
            _body = body; _args = args; _chunks = chunks; _error = null;
            Interlocked.Exchange(ref _state.Value, Posted);            // full fence: the job is visible first
            if (Volatile.Read(ref _sleeping) != 0) _wake.Set();
        }

        /// <summary>Withdraws the job if the worker has not taken it, else waits until it is done.</summary>
        public Exception? Finish()
        {
            if (Interlocked.CompareExchange(ref _state.Value, Idle, Posted) == Posted) return null;
            var spin = new SpinWait();
            while (Volatile.Read(ref _state.Value) != Idle) spin.SpinOnce(-1);
            return _error;
        }

        private void Loop()
        {
            while (true)
            {
                long start = Stopwatch.GetTimestamp();
                long limit = (long)(SpinBeforeBlocking.TotalSeconds * Stopwatch.Frequency);
                int spins = 0;
                while (Volatile.Read(ref _state.Value) != Posted)
                {
                    Thread.SpinWait(1);
                    if ((++spins & 255) == 0 && Stopwatch.GetTimestamp() - start > limit)
                    {
                        _wake.Reset();
                        Interlocked.Exchange(ref _sleeping, 1);             // full fence, pairs with Post
                        if (Volatile.Read(ref _state.Value) != Posted) _wake.Wait();
                        Interlocked.Exchange(ref _sleeping, 0);
                        start = Stopwatch.GetTimestamp();
                    }
                }
                if (Interlocked.CompareExchange(ref _state.Value, Running, Posted) != Posted) continue;   // withdrawn
                _error = Claim(_body, _args, _chunks, descending: true);
                Volatile.Write(ref _state.Value, Idle);
            }
        }
    }
}
