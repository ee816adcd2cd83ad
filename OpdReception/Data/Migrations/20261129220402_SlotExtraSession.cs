using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpdReception.Data.Migrations
{
    /// <inheritdoc />
    public partial class SlotExtraSession : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ExtraSession",
                table: "Slots",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExtraSession",
                table: "Slots");
        }
    }
}
