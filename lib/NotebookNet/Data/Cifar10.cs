namespace NotebookNet.Data;

/// <summary>Facts of the CIFAR-10 binary format and the official archive.</summary>
public static class Cifar10
{
    /// <summary>Image side in pixels.</summary>
    public const int Side = 32;
    /// <summary>Features per image: 3 colour planes of 32×32 (d).</summary>
    public const int Dimensions = 3 * Side * Side;
    /// <summary>Bytes per record: one label byte, then the red, green and blue planes.</summary>
    public const int RecordBytes = 1 + Dimensions;
    /// <summary>Records per batch file.</summary>
    public const int RecordsPerBatch = 10_000;
    /// <summary>Exact size of a batch file: 10 000 records of 3073 bytes.</summary>
    public const int BatchBytes = RecordsPerBatch * RecordBytes;
    /// <summary>Number of classes (K).</summary>
    public const int Classes = 10;
    /// <summary>Directory inside the archive.</summary>
    public const string DirectoryName = "cifar-10-batches-bin";
    /// <summary>The official archive's address.</summary>
    public const string OfficialUrl = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";
    /// <summary>MD5 of the official archive.</summary>
    public const string OfficialMd5 = "c32a1d4ab5d03f1284b67883e8d87530";
    /// <summary>File name of the official archive.</summary>
    public const string ArchiveName = "cifar-10-binary.tar.gz";

    /// <summary>The five training batch files, in order.</summary>
    public static readonly string[] TrainingBatchFiles =
        ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"];
    /// <summary>The test batch file.</summary>
    public const string TestBatchFile = "test_batch.bin";
    /// <summary>The six batch files a complete data set has: the training batches, then the test batch.</summary>
    public static readonly string[] BatchFiles = [.. TrainingBatchFiles, TestBatchFile];
    /// <summary>The class-names file.</summary>
    public const string MetaFile = "batches.meta.txt";

    /// <summary>Class names of the official archive, used when batches.meta.txt is absent.</summary>
    public static readonly string[] DefaultClassNames =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];
}
