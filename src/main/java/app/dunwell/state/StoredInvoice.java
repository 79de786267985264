package app.dunwell.state;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An invoice as the billing platform last described it. */
@Entity
@Table(name = "invoice")
public class StoredInvoice extends PanacheEntityBase {
    @Id
    public UUID id;
    public String centerId;
    public String externalId;
    public String familyId;
    public LocalDate issuedOn;
    public LocalDate dueOn;
    public BigDecimal total;
    public BigDecimal balance;
    public String currency;
    public String status;
    public boolean statusSetManually;
    public Boolean automationEnabled;
    public boolean lateFeeAssessed;
    public LocalDate paidOn;
    public Instant updatedAt;
}
