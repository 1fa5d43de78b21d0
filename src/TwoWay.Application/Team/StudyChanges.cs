namespace TwoWay.Application.Team;

/// <summary>
/// Names who is changing the study in the current flow of work (a web request), so that the
/// events a team server's study records with each save carry that member's name.
/// </summary>
public static class StudyChanges
{
    public static void ActAs(string member) => Storage.Team.ChangeAuthor.Set(member);
}
