using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpdReception.Data.Configurations;

public sealed class TokenEventConfiguration : IEntityTypeConfiguration<TokenEvent>
{
    public void Configure(EntityTypeBuilder<TokenEvent> builder)
    {
        builder.Property(e => e.Action).HasMaxLength(40);
        builder.Property(e => e.By).HasMaxLength(100);
        builder.Property(e => e.ByUserId).HasMaxLength(450);
        builder.Property(e => e.Reason).HasMaxLength(200);
        builder.HasIndex(e => e.TokenId);

        // A slot whose tokens all moved away still has history naming it: it must never be deleted or re-dated.
        builder.HasIndex(e => e.SlotId);
    }
}
