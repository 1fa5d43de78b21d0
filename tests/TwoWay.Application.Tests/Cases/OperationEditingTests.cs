using TwoWay.Application.Cases;
using TwoWay.Input;
using TwoWay.TestKit;

namespace TwoWay.Application.Tests.Cases;

/// <summary>One operation edited through a form: the import's checks, evidence kept, a change made meanwhile refused.</summary>
public sealed class OperationEditingTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_form_saved_after_someone_else_changed_the_operation_is_refused_and_nothing_is_lost()
    {
        var study = SmallStudy.Create(_dir);
        var editing = new OperationEditing(study);
        var mine = await editing.FormAsync("RS-01", "RS-01/2");
        var theirs = await editing.FormAsync("RS-01", "RS-01/2");
        Assert.Equal("Valvola Nord S.p.A.", mine.Cells["partner"]);

        var changed = new Dictionary<string, string?>(theirs.Cells) { ["partner"] = "Valvola Nord" };
        Assert.False((await editing.SaveAsync(new SaveOperationRequest("RS-01", "RS-01/2", changed, theirs.Version))).Added);

        var late = new Dictionary<string, string?>(mine.Cells) { ["end"] = "2015" };
        var e = await Assert.ThrowsAsync<EditConflictException>(() => editing.SaveAsync(new SaveOperationRequest("RS-01", "RS-01/2", late, mine.Version)));
        Assert.Contains("changed by someone else", e.Errors[0].Message);
        var now = await editing.FormAsync("RS-01", "RS-01/2");
        Assert.Equal(("Valvola Nord", "2014"), (now.Cells["partner"], now.Cells["end"]));
        Assert.Equal("The Valvola licence gave us a product we could not have designed ourselves in the nineties.", now.Cells["quotation"]); // evidence kept
    }

    [Fact]
    public async Task A_bad_cell_is_named_by_its_column_and_a_new_id_must_be_free()
    {
        var editing = new OperationEditing(SmallStudy.Create(_dir));
        var form = await editing.FormAsync("RS-01", null);
        Assert.StartsWith("RS-01/", form.Cells["operation_id"]);
        var cells = new Dictionary<string, string?>(form.Cells) { ["operation_id"] = "RS-01/1", ["direction"] = "sideways", ["partner_country"] = "XX", ["start"] = "2001" };
        var e = await Assert.ThrowsAsync<InputException>(() => editing.SaveAsync(new SaveOperationRequest("RS-01", null, cells, null)));
        Assert.Contains(e.Errors, x => x.Field == "operation_id");
        Assert.Contains(e.Errors, x => x.Field == "direction");
        Assert.Contains(e.Errors, x => x.Field == "partner_country");
    }
}
