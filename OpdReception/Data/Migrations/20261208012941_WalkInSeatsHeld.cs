using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpdReception.Data.Migrations
{
    /// <inheritdoc />
    public partial class WalkInSeatsHeld : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "HoldReleaseMinutes",
                table: "WeeklySessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "WalkInSeatsHeld",
                table: "WeeklySessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "HoldReleaseMinutes",
                table: "Slots",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "WalkInSeatsHeld",
                table: "Slots",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HoldReleaseMinutes",
                table: "WeeklySessions");

            migrationBuilder.DropColumn(
                name: "WalkInSeatsHeld",
                table: "WeeklySessions");

            migrationBuilder.DropColumn(
                name: "HoldReleaseMinutes",
                table: "Slots");

            migrationBuilder.DropColumn(
                name: "WalkInSeatsHeld",
                table: "Slots");
        }
    }
}
