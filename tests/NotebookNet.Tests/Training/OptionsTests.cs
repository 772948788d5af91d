using NotebookNet.Data;
using NotebookNet.Models;
using NotebookNet.Training;

namespace NotebookNet.Tests.Training;

public class OptionsTests
{
    public static TheoryData<string, string, string> Absurd => new()
    {
        { "lambda", "Lambda", "-1" },
        { "batch>n", "BatchSize", "200" },
        { "n_s=0", "stepSize", "0" },
        { "eta_min>eta_max", "etaMax", "1E-05" },
        { "m=0", "m", "0" },
        { "p_x=0", "keepInput", "0" },
        { "p_h=1.5", "keepHidden", "1.5" },
        { "cycles=0", "cycles", "0" },
        { "epochs=0", "epochs", "0" },
        { "eta<0", "eta", "-0.1" },
    };

    private static void Make(string name)
    {
        switch (name)
        {
            case "lambda": _ = new TrainingOptions { Lambda = -1 }; break;
            case "batch>n": _ = new TrainingOptions { BatchSize = 200 }.TotalSteps(100); break;
            case "n_s=0": _ = new CyclicalLearningRate(stepSize: 0); break;
            case "eta_min>eta_max": _ = new CyclicalLearningRate(500, etaMin: 1e-1, etaMax: 1e-5); break;
            case "m=0": _ = TwoLayerParameters.Initialise(Cifar10.Dimensions, 0, 10, new Random(1)); break;
            case "p_x=0": _ = new Dropout(keepInput: 0); break;
            case "p_h=1.5": _ = new Dropout(keepHidden: 1.5); break;
            case "cycles=0": _ = TrainingOptions.Cyclical(0.01, 500, cycles: 0); break;
            case "epochs=0": _ = TrainingOptions.FixedEta(0.1, 0, epochs: 0); break;
            case "eta<0": _ = new ConstantLearningRate(-0.1); break;
            default: throw new ArgumentException(name);
        }
    }

    [Theory]
    [MemberData(nameof(Absurd))]
    public void Absurd_option_names_the_parameter_and_the_value(string name, string parameter, string value)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Make(name));
        Assert.Equal(parameter, e.ParamName);
        Assert.Equal(value, Convert.ToString(e.ActualValue, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(parameter, e.Message);
        Assert.Contains(value, e.Message.Replace(",", "."));   // "Actual value was …" in any culture's decimal mark
        Assert.True(e.Message.Length > 40, e.Message);           // says why, not only what
    }
}
