using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using TwoWay.TestKit;

namespace TwoWay.Web.Tests;

/// <summary>
/// The firm page's operations table is editable in place (issue 11): a form per operation whose
/// cells go through the operations import's checks, its messages shown by field; nothing half-stored.
/// </summary>
[Collection(WorkbenchCollection.Name)]
[Trait("Category", "Browser")]
public sealed class OperationEditorTests(WorkbenchFixture wb)
{
    private static string Exported(string study, string operation)
    {
        using var dir = new TempDir();
        Assert.Equal(0, CliRunner.Run("export", study, dir.File("o.csv"), "--kind", "operations").ExitCode);
        return File.ReadAllLines(dir.File("o.csv")).Single(l => l.StartsWith(operation + ",", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_operation_is_edited_in_place_and_a_bad_value_gets_the_import_message_by_its_field()
    {
        await using var w = await wb.SignedInPageAsync();
        await w.Page.GotoAsync("/firms/KZ-01");
        await w.Page.GetByRole(AriaRole.Link, new() { Name = "Edit KZ-01/2", Exact = true }).ClickAsync();
        var form = w.Page.Locator("form.operation-form");
        await Assertions.Expect(form.GetByLabel("Start")).ToHaveValueAsync("2004-06");
        await Assertions.Expect(form.GetByLabel("Partner", new() { Exact = true })).ToHaveValueAsync("SibTrans Logistics");
        var axe = await w.Page.RunAxe();
        Assert.DoesNotContain(axe.Violations, v => v.Impact is "serious" or "critical");

        // An end before the start is refused as the import refuses it; nothing changes.
        var before = Exported(wb.Study, "KZ-01/2");
        await form.GetByLabel("End", new() { Exact = true }).FillAsync("2003");
        await form.GetByLabel("Partner", new() { Exact = true }).FillAsync("Сибтранс «Логистика»");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(w.Page.Locator(".operation-form [role=alert]")).ToContainTextAsync("Nothing was stored");
        await Assertions.Expect(w.Page.Locator("#e-end")).ToContainTextAsync("2003");
        await Assertions.Expect(form.GetByLabel("Partner", new() { Exact = true })).ToHaveValueAsync("Сибтранс «Логистика»"); // what was typed stays
        Assert.Equal(before, Exported(wb.Study, "KZ-01/2"));

        // Corrected, it is stored with its evidence kept.
        await form.GetByLabel("End", new() { Exact = true }).FillAsync("2022-03");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(w.Page.Locator("[role=status]")).ToContainTextAsync("Saved operation KZ-01/2");
        var after = Exported(wb.Study, "KZ-01/2");
        Assert.Contains("Сибтранс «Логистика»", after);
        Assert.Contains(",2022-03,", after);
        Assert.Contains("From the first year we hauled grain to Siberia", after);
        w.AssertClean();
    }

    [Fact]
    public async Task A_new_operation_is_added_with_the_checks_of_an_import_row()
    {
        await using var w = await wb.SignedInPageAsync();
        await w.Page.GotoAsync("/firms/KZ-01");
        await w.Page.GetByRole(AriaRole.Link, new() { Name = "Add an operation" }).ClickAsync();
        var form = w.Page.Locator("form.operation-form");
        await form.GetByLabel("Operation id").FillAsync("KZ-01/1"); // taken
        await form.GetByLabel("Direction").SelectOptionAsync("inward");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add the operation" }).ClickAsync();
        var alert = w.Page.Locator(".operation-form [role=alert]");
        await Assertions.Expect(alert).ToContainTextAsync("operation_id");
        await Assertions.Expect(alert).ToContainTextAsync("mode");
        await Assertions.Expect(alert).ToContainTextAsync("partner_country");

        await form.GetByLabel("Operation id").FillAsync("KZ-01/20");
        await form.GetByLabel("Mode").SelectOptionAsync("licensing");
        await form.GetByLabel("Partner country").SelectOptionAsync("TR");
        await form.GetByLabel("Start").FillAsync("2021");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add the operation" }).ClickAsync();
        await Assertions.Expect(w.Page.Locator("[role=status]")).ToContainTextAsync("Added operation KZ-01/20");
        Assert.Contains("KZ-01/20,KZ-01,inward,licensing_in,TR,", Exported(wb.Study, "KZ-01/20"));
        await Assertions.Expect(w.Page.Locator("section[aria-labelledby=operations] table")).ToContainTextAsync("KZ-01/20");
        w.AssertClean();
    }
}
