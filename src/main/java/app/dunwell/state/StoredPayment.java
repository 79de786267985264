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

/** A payment attempt, kept by its invoice's external id: it may arrive before the invoice. */
@Entity
@Table(name = "payment")
public class StoredPayment extends PanacheEntityBase {
    @Id
    public UUID id;
    public String centerId;
    public String externalId;
    public String invoiceId;
    public BigDecimal amount;
    public LocalDate paidOn;
    public boolean succeeded;
    public Instant receivedAt;
}
