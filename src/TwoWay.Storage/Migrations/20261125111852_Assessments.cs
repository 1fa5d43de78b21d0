using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

// Provider-neutral like InitialCases: the generated column types were removed.

namespace TwoWay.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Assessments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "assessments",
                columns: table => new
                {
                    firm_id = table.Column<string>(maxLength: 64, nullable: false),
                    number = table.Column<int>(nullable: false),
                    questionnaire = table.Column<string>(maxLength: 100, nullable: false),
                    version = table.Column<string>(maxLength: 32, nullable: false),
                    source = table.Column<string>(maxLength: 400, nullable: false),
                    answers = table.Column<string>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessments", x => new { x.firm_id, x.number });
                    table.ForeignKey(
                        name: "FK_assessments_firms_firm_id",
                        column: x => x.firm_id,
                        principalTable: "firms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "assessments");
        }
    }
}
