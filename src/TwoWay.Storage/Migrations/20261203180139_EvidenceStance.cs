// Provider-neutral as the earlier migrations: the generated column type was removed.
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TwoWay.Storage.Migrations
{
    /// <inheritdoc />
    public partial class EvidenceStance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "stance",
                table: "qual_evidence_links",
                maxLength: 16,
                nullable: false,
                defaultValue: "supports");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "stance",
                table: "qual_evidence_links");
        }
    }
}
