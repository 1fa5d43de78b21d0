using System.Reflection;
using TwoWay.Assessment;
using TwoWay.Interchange.Tables;

namespace TwoWay.Policy.Files;

/// <summary>
/// The shipped questionnaire, decision table and fictional sample catalogue
/// (samples/policy/), built into the assembly so commands have defaults wherever they run.
/// </summary>
public static class BuiltIn
{
    public const string QuestionnaireName = "built-in questionnaire.json";
    public const string DecisionTableName = "built-in decision-table.csv";
    public const string CatalogueName = "built-in catalogue.csv (fictional)";

    public static Questionnaire Questionnaire() =>
        QuestionnaireFile.Parse(JsonSource.Parse(Bytes("questionnaire.json"), QuestionnaireName));

    public static DecisionTable DecisionTable(Questionnaire questionnaire) =>
        DecisionTableFile.Parse(TableReader.ReadDelimited(new StringReader(System.Text.Encoding.UTF8.GetString(Bytes("decision-table.csv"))), DecisionTableName), questionnaire);

    public static Catalogue Catalogue() =>
        CatalogueFile.Parse(TableReader.ReadDelimited(new StringReader(System.Text.Encoding.UTF8.GetString(Bytes("catalogue.csv"))), CatalogueName));

    private static byte[] Bytes(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("TwoWay.Policy." + name)
            ?? throw new InvalidOperationException($"The built-in {name} is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
