using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Qualitative;
using TwoWay.Qualitative.Files.Refi;
using TwoWay.Storage.Qualitative;

namespace TwoWay.Application.Interviews;

// REFI-QDA exchange: projects (.qdpx) and codebooks (.qdc).
public sealed partial class InterviewWorkbench
{
    /// <summary>
    /// <c>qdpx import</c>: reads the project (tolerantly, listing every repair) into the study's
    /// workbench, which must be empty unless the request says to replace it. Transcripts of cases
    /// that are not firms of the study are kept without a case. A replacement that would lose codings
    /// linked as evidence is refused.
    /// </summary>
    public async Task<QdpxImported> ImportQdpxAsync(QdpxImportRequest request, CancellationToken ct = default)
    {
        await using var study = await OpenAsync(ct);
        OffsetConvention? offsets = request.Offsets switch
        {
            null => null,
            "utf16" => OffsetConvention.Utf16,
            "crlf_as_one" => OffsetConvention.CrlfAsOne,
            "code_points" => OffsetConvention.CodePoints,
            _ => throw new InputException(request.File, null, "offsets", $"'{request.Offsets}' is not utf16, crlf_as_one or code_points"),
        };
        void RefuseToReplace(QualitativeProject p)
        {
            if (!request.Replace && (p.SourceCount > 0 || p.Codebook.Count > 0))
                throw new InputException(request.File, null, null, "the study already has a qualitative workbench; use --replace to replace it (nothing was changed)");
        }
        // Refuse before reading the file, and again inside the unit of work (another writer may have come first).
        RefuseToReplace((await QualitativeStore.SnapshotAsync(study, ct)).Project);
        var read = RefiImport.ReadQdpx(request.File, offsets);
        var unknownCases = read.Project.Sources.Select(x => x.Case).OfType<FirmId>().Distinct()
            .Where(c => study.LoadCase(c) is null).Select(c => c.Value).ToList();
        var project = read.Project;
        var repairs = read.Repairs.ToList();
        if (unknownCases.Count > 0)
        {
            // Keep transcripts, but a case must be a firm of the study.
            foreach (var src in project.Sources.Where(x => x.Case is { } c && unknownCases.Contains(c.Value)).ToList())
                project = project.UpdateSource(new Source(src.Id, src.Name, src.Text, null, src.Respondent, src.Round, src.Date, src.Language));
            repairs.Add($"case(s) {string.Join(", ", unknownCases)} are not firms of this study; their transcripts were imported without a case");
        }
        await QualitativeStore.EditAsync(study, s =>
        {
            RefuseToReplace(s.Project);
            return (project, 0);
        }, unlinkLostEvidence: false, ct);
        return new QdpxImported(request.File, read.Origin, read.Offsets, project.SourceCount, project.Codebook.Count, project.Codings.Count,
            project.Memos.Count, repairs);
    }

    /// <summary><c>qdpx export</c>: the workbench as a .qdpx (valid against Project.xsd).</summary>
    public async Task<QdpxExported> ExportQdpxAsync(RefiExportRequest request, CancellationToken ct = default)
    {
        var p = await ReadAsync(s => s.Project, ct);
        Files.OutputFile.Write(request.File, temp => { using var f = File.Create(temp); RefiExport.WriteQdpx(p, f); },
            "<file>", request.Force, Files.ProtectedFile.Study(studyLocation));
        return new QdpxExported(request.File, p.SourceCount, p.Codebook.Count, p.Codings.Count);
    }

    /// <summary><c>qdc import</c>: merges a .qdc codebook into the study's codebook (codes matched by GUID, then by path).</summary>
    public async Task<QdcImported> ImportQdcAsync(QdcImportRequest request, CancellationToken ct = default)
    {
        await using var study = await OpenAsync(ct);
        var read = RefiImport.ReadQdc(request.File);
        var edit = await QualitativeStore.EditAsync(study, s =>
        {
            var p = s.Project;
            var (book, byGuid, byPath, added) = RefiImport.MergeCodebook(p.Codebook, read.Codebook);
            return (QualitativeProject.Create(p.Name, p.Sources, book, p.Codings, p.Memos, request.File),
                new QdcImported(request.File, read.Origin, byGuid, byPath, added, read.Repairs));
        }, unlinkLostEvidence: false, ct);
        return edit.Result;
    }

    /// <summary><c>qdc export</c>: the codebook as a .qdc (valid against Codebook.xsd).</summary>
    public async Task<QdcExported> ExportQdcAsync(RefiExportRequest request, CancellationToken ct = default)
    {
        var book = await ReadAsync(s => s.Project.Codebook, ct);
        Files.OutputFile.Write(request.File, temp => { using var f = File.Create(temp); RefiExport.WriteQdc(book, f); },
            "<file>", request.Force, Files.ProtectedFile.Study(studyLocation));
        return new QdcExported(request.File, book.Count);
    }
}
