using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpdReception.Data.Migrations
{
    /// <inheritdoc />
    public partial class TurnTiming : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "InSlotSince",
                table: "Tokens",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<DateTime>(
                name: "DelayChangedAt",
                table: "Slots",
                type: "TEXT",
                nullable: true);

            // Tokens issued before this column existed came into their slot when they were issued.
            migrationBuilder.Sql("UPDATE Tokens SET InSlotSince = IssuedAt;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "InSlotSince",
                table: "Tokens");

            migrationBuilder.DropColumn(
                name: "DelayChangedAt",
                table: "Slots");
        }
    }
}
