using NotebookNet.Data;

namespace NotebookNet.Tests.Data;

public class LabeledSetTests
{
    [Fact]
    public void Concat_keeps_rows_and_labels_in_order()
    {
        var a = TestData.Random(3, 4, seed: 1);
        var b = TestData.Random(0, 4, seed: 2);
        var c = TestData.Random(5, 4, seed: 3);
        var all = LabeledSet.Concat(a, b, c);
        Assert.Equal(4, all.Dimensions);
        Assert.Equal([.. a.X, .. c.X], all.X);
        Assert.Equal([.. a.Y, .. c.Y], all.Y);
        Assert.NotSame(a.X, LabeledSet.Concat(a).X); // a copy, even of one set
    }

    [Fact]
    public void Concat_refuses_sets_of_different_width_and_no_sets()
    {
        var e = Assert.Throws<ArgumentException>(() => LabeledSet.Concat(TestData.Random(2, 4, seed: 1), TestData.Random(2, 5, seed: 2)));
        Assert.Contains("differ in d", e.Message);
        Assert.Throws<ArgumentException>(() => LabeledSet.Concat());
    }
}
