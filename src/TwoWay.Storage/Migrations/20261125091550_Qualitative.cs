using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

// Provider-neutral like InitialCases: generated column types removed.

namespace TwoWay.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Qualitative : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "qual_codes",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    position = table.Column<int>(nullable: false),
                    name = table.Column<string>(maxLength: 400, nullable: false),
                    description = table.Column<string>(nullable: true),
                    colour = table.Column<string>(maxLength: 7, nullable: true),
                    is_codable = table.Column<bool>(nullable: false),
                    parent_id = table.Column<Guid>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_qual_codes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "qual_memos",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    position = table.Column<int>(nullable: false),
                    target = table.Column<string>(maxLength: 16, nullable: false),
                    target_id = table.Column<string>(maxLength: 64, nullable: false),
                    text = table.Column<string>(nullable: false),
                    author = table.Column<string>(maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_qual_memos", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "qual_sources",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    position = table.Column<int>(nullable: false),
                    name = table.Column<string>(maxLength: 400, nullable: false),
                    text = table.Column<string>(nullable: false),
                    firm_id = table.Column<string>(maxLength: 64, nullable: true),
                    respondent_role = table.Column<string>(maxLength: 200, nullable: true),
                    respondent_pseudonym = table.Column<string>(maxLength: 200, nullable: true),
                    round = table.Column<int>(nullable: true),
                    interview_date = table.Column<DateOnly>(nullable: true),
                    language = table.Column<string>(maxLength: 35, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_qual_sources", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "qual_codings",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    source_id = table.Column<Guid>(nullable: false),
                    code_id = table.Column<Guid>(nullable: false),
                    span_start = table.Column<int>(nullable: false),
                    span_end = table.Column<int>(nullable: false),
                    coder = table.Column<string>(maxLength: 200, nullable: false),
                    memo = table.Column<string>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_qual_codings", x => x.id);
                    table.ForeignKey(
                        name: "FK_qual_codings_qual_codes_code_id",
                        column: x => x.code_id,
                        principalTable: "qual_codes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_qual_codings_qual_sources_source_id",
                        column: x => x.source_id,
                        principalTable: "qual_sources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "qual_evidence_links",
                columns: table => new
                {
                    coding_id = table.Column<Guid>(nullable: false),
                    target_kind = table.Column<string>(maxLength: 16, nullable: false),
                    target_id = table.Column<string>(maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_qual_evidence_links", x => new { x.coding_id, x.target_kind, x.target_id });
                    table.ForeignKey(
                        name: "FK_qual_evidence_links_qual_codings_coding_id",
                        column: x => x.coding_id,
                        principalTable: "qual_codings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_qual_codings_code_id",
                table: "qual_codings",
                column: "code_id");

            migrationBuilder.CreateIndex(
                name: "IX_qual_codings_source_id",
                table: "qual_codings",
                column: "source_id");

            migrationBuilder.CreateIndex(
                name: "IX_qual_evidence_links_target_kind_target_id",
                table: "qual_evidence_links",
                columns: new[] { "target_kind", "target_id" });

            migrationBuilder.CreateIndex(
                name: "IX_qual_sources_firm_id",
                table: "qual_sources",
                column: "firm_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "qual_evidence_links");

            migrationBuilder.DropTable(
                name: "qual_memos");

            migrationBuilder.DropTable(
                name: "qual_codings");

            migrationBuilder.DropTable(
                name: "qual_codes");

            migrationBuilder.DropTable(
                name: "qual_sources");
        }
    }
}
