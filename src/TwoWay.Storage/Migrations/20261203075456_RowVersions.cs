using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

// Provider-neutral like InitialCases: the generated column types were removed. Every versioned row
// starts at version 0; StudyDbContext advances it on each update (optimistic concurrency).

namespace TwoWay.Storage.Migrations
{
    /// <inheritdoc />
    public partial class RowVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "qual_sources",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "qual_memos",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "qual_codings",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "qual_codes",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "operations",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "firms",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "version",
                table: "qual_sources");

            migrationBuilder.DropColumn(
                name: "version",
                table: "qual_memos");

            migrationBuilder.DropColumn(
                name: "version",
                table: "qual_codings");

            migrationBuilder.DropColumn(
                name: "version",
                table: "qual_codes");

            migrationBuilder.DropColumn(
                name: "version",
                table: "operations");

            migrationBuilder.DropColumn(
                name: "version",
                table: "firms");
        }
    }
}
