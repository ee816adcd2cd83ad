using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpdReception.Data.Migrations
{
    /// <inheritdoc />
    public partial class PatientRecord : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AbhaAddress",
                table: "Patients",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AbhaNumber",
                table: "Patients",
                type: "TEXT",
                maxLength: 14,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Address",
                table: "Patients",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "BirthDate",
                table: "Patients",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "BirthDateIsApproximate",
                table: "Patients",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "MergedIntoId",
                table: "Patients",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhoneKey",
                table: "Patients",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Sex",
                table: "Patients",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            // Records made before the duplicate check: their phones get the key it compares (PatientFacts.PhoneKey).
            migrationBuilder.Sql("""
                UPDATE "Patients" SET "PhoneKey" = (
                    SELECT CASE WHEN length(d) < 7 THEN NULL ELSE substr(d, -10) END
                    FROM (SELECT replace(replace(replace(replace(replace("Phone", ' ', ''), '-', ''), '+', ''), '(', ''), ')', '') AS d))
                WHERE "Phone" IS NOT NULL
                """);

            migrationBuilder.CreateTable(
                name: "PatientEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PatientId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Details = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PatientEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PatientEvents_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Patients_PhoneKey",
                table: "Patients",
                column: "PhoneKey");

            migrationBuilder.CreateIndex(
                name: "IX_PatientEvents_PatientId",
                table: "PatientEvents",
                column: "PatientId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PatientEvents");

            migrationBuilder.DropIndex(
                name: "IX_Patients_PhoneKey",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "AbhaAddress",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "AbhaNumber",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "Address",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "BirthDate",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "BirthDateIsApproximate",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "PhoneKey",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "Sex",
                table: "Patients");
        }
    }
}
