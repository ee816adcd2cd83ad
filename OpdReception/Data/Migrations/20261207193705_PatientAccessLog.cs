using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpdReception.Data.Migrations
{
    /// <inheritdoc />
    public partial class PatientAccessLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "RetentionSweptAt",
                table: "Slots",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ErasedAt",
                table: "Patients",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PatientAccesses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    What = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PatientId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    TokenId = table.Column<int>(type: "INTEGER", nullable: true),
                    DoctorId = table.Column<int>(type: "INTEGER", nullable: true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PatientAccesses", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Slots_RetentionDue",
                table: "Slots",
                column: "Date",
                filter: "\"RetentionSweptAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PatientAccesses_At",
                table: "PatientAccesses",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_PatientAccesses_DoctorId_Day",
                table: "PatientAccesses",
                columns: new[] { "DoctorId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_PatientAccesses_PatientId_At",
                table: "PatientAccesses",
                columns: new[] { "PatientId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PatientAccesses");

            migrationBuilder.DropIndex(
                name: "IX_Slots_RetentionDue",
                table: "Slots");

            migrationBuilder.DropColumn(
                name: "RetentionSweptAt",
                table: "Slots");

            migrationBuilder.DropColumn(
                name: "ErasedAt",
                table: "Patients");
        }
    }
}
