using NotebookNet.Data;

namespace NotebookNet.Tests.Data;

/// <summary>
/// Every path of the data kernels (Vector512, Vector256, scalar) gives the scalar values bit for bit, whatever the
/// length and the destination's alignment. Vector512 runs in software where the hardware lacks it.
/// </summary>
public unsafe class PixelKernelTests
{
    public static TheoryData<int> Widths => [64, 32, 0];

    private static byte[] Bytes(int n, int seed)
    {
        var b = new byte[n];
        new Random(seed).NextBytes(b);
        b[0] = 0; b[^1] = 255;
        return b;
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Standardise_bytes_matches_the_scalar_formula_at_every_offset(int width)
    {
        const int n = 3072 + 61;
        var b = Bytes(n, 1);
        var rng = new Random(2);
        var mean = Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble()).ToArray();
        var inv = Enumerable.Range(0, n).Select(_ => 1f / (0.05f + (float)rng.NextDouble())).ToArray();
        var y = new float[n + 16];
        for (int offset = 0; offset < 16; offset++)   // the destination's alignment changes with the offset
            for (int count = n - 40; count <= n; count += 13)
            {
                fixed (byte* pb = b) fixed (float* pm = mean, pi = inv, py = y)
                    PixelKernels.Standardise(pb, pm, pi, py + offset, count, width);
                PixelKernels.Fence();
                for (int j = 0; j < count; j++)
                    Assert.Equal(BitConverter.SingleToInt32Bits((b[j] * (1f / 255f) - mean[j]) * inv[j]),
                                 BitConverter.SingleToInt32Bits(y[offset + j]));
            }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Standardise_floats_matches_the_scalar_formula(int width)
    {
        const int n = 1001;
        var set = TestData.Random(1, n, seed: 3);
        var mean = TestData.Random(1, n, seed: 4).X;
        var inv = TestData.Random(1, n, seed: 5).X;
        var y = new float[n + 3];
        fixed (float* px = set.X, pm = mean, pi = inv, py = y)
            PixelKernels.Standardise(px, pm, pi, py + 3, n, width);
        PixelKernels.Fence();
        for (int j = 0; j < n; j++) Assert.Equal((set.X[j] - mean[j]) * inv[j], y[3 + j]);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Tiled_moments_add_rows_in_order_like_the_scalar_loop(int width)
    {
        const int rows = 150, d = 3072;   // more rows than a tile, columns not all from 0
        var pixels = Bytes(rows * d, 6);
        const int from = 13, n = 3072 - 13 - 7;
        var (sum, sumSq) = (new double[n], new double[n]);
        var (refSum, refSq) = (new double[n], new double[n]);
        for (int j = 0; j < n; j++) refSum[j] = sum[j] = 0.25 * j;   // adds to what is there
        var order = Enumerable.Range(0, rows).Reverse().ToArray();
        foreach (int r in order)
            for (int j = 0; j < n; j++)
            {
                float x = pixels[r * d + from + j] * (1f / 255f);
                refSum[j] += x;
                refSq[j] += (double)x * x;
            }
        fixed (byte* p = pixels)
        {
            var addresses = new nint[rows];
            for (int i = 0; i < rows; i++) addresses[i] = (nint)(p + order[i] * d);
            fixed (nint* a = addresses) fixed (double* s = sum, q = sumSq)
                PixelKernels.AccumulateMoments(a, rows, from, s, q, n, width);
        }
        Assert.Equal(refSum, sum);
        Assert.Equal(refSq, sumSq);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Float_moments_match_the_scalar_loop(int width)
    {
        var x = TestData.Random(1, 517, seed: 7).X;
        var (sum, sumSq) = (new double[517], new double[517]);
        fixed (float* px = x) fixed (double* s = sum, q = sumSq)
        {
            PixelKernels.AccumulateMoments(px, s, q, 517, width);
            PixelKernels.AccumulateMoments(px, s, q, 517, width);
        }
        for (int j = 0; j < 517; j++)
        {
            Assert.Equal((double)x[j] + x[j], sum[j]);
            Assert.Equal((double)x[j] * x[j] + (double)x[j] * x[j], sumSq[j]);
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void ToFloats_matches_the_scalar_conversion(int width)
    {
        var b = Bytes(3072 + 29, 8);
        var x = new float[b.Length];
        fixed (byte* pb = b) fixed (float* px = x) PixelKernels.ToFloats(pb, px, b.Length, width);
        for (int j = 0; j < b.Length; j++) Assert.Equal(b[j] * (1f / 255f), x[j]);
    }
}
