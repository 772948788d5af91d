using NotebookNet.Data;
using NotebookNet.Training;

namespace NotebookNet.Tests.Training;

/// <summary>Augmentation (bonus): horizontal flips and pixel shifts of 32×32×3 images.</summary>
public class AugmentationTests
{
    [Fact]
    public void Augmentation_flips_and_shifts_images()
    {
        // value = x coordinate
        var image = Enumerable.Range(0, Cifar10.Dimensions).Select(i => (float)(i % 32)).ToArray();
        var flipped = new float[image.Length];
        new Augmentation(flipProbability: 1, maxShift: 0).Apply(image, flipped, new Random(1));
        Assert.Equal(31f, flipped[0]);
        Assert.Equal(0f, flipped[31]);
        var same = new float[image.Length];
        new Augmentation(flipProbability: 0, maxShift: 0).Apply(image, same, new Random(1));
        Assert.Equal(image, same);
    }
}
