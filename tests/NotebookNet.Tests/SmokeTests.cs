namespace NotebookNet.Tests;
public class SmokeTests { [Fact] public void Builds() => Assert.Equal(4, 2 + 2); }
