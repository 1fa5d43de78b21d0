using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

// Provider-neutral: the generated `type: "TEXT"` arguments (and HasColumnType in the Designer and
// snapshot) were removed so each provider
// (SQLite, PostgreSQL) maps the CLR types itself. Do the same for every new migration.
namespace TwoWay.Storage.Migrations
{
    /// <inheritdoc />
    public partial class InitialCases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "firms",
                columns: table => new
                {
                    id = table.Column<string>(maxLength: 64, nullable: false),
                    name = table.Column<string>(maxLength: 400, nullable: false),
                    home_country = table.Column<string>(maxLength: 2, nullable: false),
                    sector = table.Column<string>(maxLength: 16, nullable: true),
                    size = table.Column<string>(maxLength: 16, nullable: true),
                    founding_year = table.Column<int>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_firms", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "firm_attributes",
                columns: table => new
                {
                    firm_id = table.Column<string>(maxLength: 64, nullable: false),
                    key = table.Column<string>(maxLength: 200, nullable: false),
                    value = table.Column<string>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_firm_attributes", x => new { x.firm_id, x.key });
                    table.ForeignKey(
                        name: "FK_firm_attributes_firms_firm_id",
                        column: x => x.firm_id,
                        principalTable: "firms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "operations",
                columns: table => new
                {
                    id = table.Column<string>(maxLength: 128, nullable: false),
                    firm_id = table.Column<string>(maxLength: 64, nullable: false),
                    direction = table.Column<string>(maxLength: 16, nullable: false),
                    mode = table.Column<string>(maxLength: 32, nullable: false),
                    partner_country = table.Column<string>(maxLength: 2, nullable: false),
                    partner = table.Column<string>(maxLength: 400, nullable: true),
                    start_year = table.Column<int>(nullable: false),
                    start_month = table.Column<int>(nullable: true),
                    end_year = table.Column<int>(nullable: true),
                    end_month = table.Column<int>(nullable: true),
                    channel = table.Column<string>(maxLength: 16, nullable: true),
                    annual_value = table.Column<decimal>(nullable: true),
                    currency = table.Column<string>(maxLength: 3, nullable: true),
                    share_of_total = table.Column<double>(nullable: true),
                    end_reason = table.Column<string>(maxLength: 32, nullable: true),
                    end_reason_note = table.Column<string>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_operations", x => x.id);
                    table.ForeignKey(
                        name: "FK_operations_firms_firm_id",
                        column: x => x.firm_id,
                        principalTable: "firms",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "operation_evidence",
                columns: table => new
                {
                    operation_id = table.Column<string>(maxLength: 128, nullable: false),
                    ordinal = table.Column<int>(nullable: false),
                    kind = table.Column<string>(maxLength: 32, nullable: false),
                    reference = table.Column<string>(maxLength: 400, nullable: true),
                    interview_round = table.Column<int>(nullable: true),
                    quotation = table.Column<string>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_operation_evidence", x => new { x.operation_id, x.ordinal });
                    table.ForeignKey(
                        name: "FK_operation_evidence_operations_operation_id",
                        column: x => x.operation_id,
                        principalTable: "operations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_operations_firm_id",
                table: "operations",
                column: "firm_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "firm_attributes");

            migrationBuilder.DropTable(
                name: "operation_evidence");

            migrationBuilder.DropTable(
                name: "operations");

            migrationBuilder.DropTable(
                name: "firms");
        }
    }
}
