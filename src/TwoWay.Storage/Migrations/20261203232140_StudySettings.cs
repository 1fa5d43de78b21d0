using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TwoWay.Storage.Migrations
{
    /// <inheritdoc />
    public partial class StudySettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "study_settings",
                columns: table => new
                {
                    key = table.Column<string>(maxLength: 64, nullable: false),
                    value = table.Column<string>(maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_study_settings", x => x.key);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "study_settings");
        }
    }
}
