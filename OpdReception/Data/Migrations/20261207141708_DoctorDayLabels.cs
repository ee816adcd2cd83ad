using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpdReception.Data.Migrations
{
    /// <inheritdoc />
    public partial class DoctorDayLabels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LabelPrefix",
                table: "Doctors",
                type: "TEXT",
                maxLength: 2,
                nullable: false,
                defaultValue: "T");

            migrationBuilder.CreateTable(
                name: "DoctorDayCounters",
                columns: table => new
                {
                    DoctorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LastTokenNumber = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DoctorDayCounters", x => new { x.DoctorId, x.Date });
                    table.ForeignKey(
                        name: "FK_DoctorDayCounters_Doctors_DoctorId",
                        column: x => x.DoctorId,
                        principalTable: "Doctors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The days whose labels are renumbered: every doctor's day not yet closed, from yesterday on (an evening
            // OPD may still be open past midnight, and the server's clock may be hours from the hospital's). Closed
            // and older days keep the labels their patients were given.
            migrationBuilder.Sql("""
                CREATE TEMP TABLE "RenumberedDays" AS
                SELECT "DoctorId", "Date" FROM "Slots"
                WHERE "Date" >= date('now', '-1 day')
                GROUP BY "DoctorId", "Date"
                HAVING COUNT("DayClosedAt") = 0;
                """);

            // Numbers run in issue order (token id) across all of the doctor's slots of the day. Negated first, so
            // no row meets another's old number on the (slot, number) index half-way through.
            migrationBuilder.Sql("""
                UPDATE "Tokens" SET "TokenNumber" = -"TokenNumber"
                WHERE "SlotId" IN (SELECT s."Id" FROM "Slots" s JOIN "RenumberedDays" r ON r."DoctorId" = s."DoctorId" AND r."Date" = s."Date");
                """);
            migrationBuilder.Sql("""
                UPDATE "Tokens" SET "TokenNumber" = n."Number"
                FROM (SELECT t."Id", ROW_NUMBER() OVER (PARTITION BY s."DoctorId", s."Date" ORDER BY t."Id") AS "Number"
                      FROM "Tokens" t JOIN "Slots" s ON s."Id" = t."SlotId"
                      WHERE t."TokenNumber" < 0) AS n
                WHERE "Tokens"."Id" = n."Id";
                """);

            // One counter per doctor's day: the last label used, so the next one is never one a patient holds.
            migrationBuilder.Sql("""
                INSERT INTO "DoctorDayCounters" ("DoctorId", "Date", "LastTokenNumber")
                SELECT d."DoctorId", d."Date", MAX(d."Kept", d."Used")
                FROM (SELECT s."DoctorId", s."Date",
                             MAX(CASE WHEN r."DoctorId" IS NULL THEN s."LastTokenNumber" ELSE 0 END) AS "Kept",
                             COALESCE(MAX(t."TokenNumber"), 0) AS "Used"
                      FROM "Slots" s
                      LEFT JOIN "RenumberedDays" r ON r."DoctorId" = s."DoctorId" AND r."Date" = s."Date"
                      LEFT JOIN "Tokens" t ON t."SlotId" = s."Id"
                      GROUP BY s."DoctorId", s."Date") AS d
                WHERE MAX(d."Kept", d."Used") > 0;
                """);
            migrationBuilder.Sql("""DROP TABLE "RenumberedDays";""");

            // SQLite's own DROP COLUMN, not EF Core's rebuild of the table: the rebuild would lose the defaults that
            // earlier migrations gave the columns (Version's 0), which rows written in plain SQL rely on.
            migrationBuilder.Sql("""ALTER TABLE "Slots" DROP COLUMN "LastTokenNumber";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Back to one counter per slot; the renumbered labels stay as they are (unique per day is unique per slot).
            migrationBuilder.AddColumn<int>(
                name: "LastTokenNumber",
                table: "Slots",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.Sql("""
                UPDATE "Slots" SET "LastTokenNumber" = COALESCE((SELECT MAX(t."TokenNumber") FROM "Tokens" t WHERE t."SlotId" = "Slots"."Id"), 0);
                """);

            migrationBuilder.DropTable(
                name: "DoctorDayCounters");

            migrationBuilder.DropColumn(
                name: "LabelPrefix",
                table: "Doctors");
        }
    }
}
