package app.dunwell.ruleset;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kie.api.builder.Message;
import org.kie.dmn.api.core.DMNMessage;
import org.kie.dmn.api.marshalling.DMNMarshaller;
import org.kie.dmn.backend.marshalling.v1x.DMNMarshallerFactory;
import org.kie.dmn.model.api.AuthorityRequirement;
import org.kie.dmn.model.api.BusinessKnowledgeModel;
import org.kie.dmn.model.api.DMNElementReference;
import org.kie.dmn.model.api.DRGElement;
import org.kie.dmn.model.api.Decision;
import org.kie.dmn.model.api.DecisionService;
import org.kie.dmn.model.api.Definitions;
import org.kie.dmn.model.api.InformationRequirement;
import org.kie.dmn.model.api.InputData;
import org.kie.dmn.model.api.KnowledgeRequirement;
import org.kie.dmn.model.api.KnowledgeSource;
import org.kie.dmn.model.api.dmndi.Bounds;
import org.kie.dmn.model.api.dmndi.DMNDiagram;
import org.kie.dmn.model.api.dmndi.DMNEdge;
import org.kie.dmn.model.api.dmndi.DMNShape;
import org.kie.dmn.validation.DMNValidator;
import org.kie.dmn.validation.DMNValidatorFactory;

import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.kie.dmn.validation.DMNValidator.Validation.VALIDATE_MODEL;
import static org.kie.dmn.validation.DMNValidator.Validation.VALIDATE_SCHEMA;

/**
 * Every DMN file carries a DMNDI diagram, so that the KIE DMN editor (VS Code "DMN Editor", KIE Sandbox)
 * opens it with a layout: one diagram per file, one shape with bounds for every decision, input data,
 * knowledge source and business knowledge model, one edge with waypoints for every requirement. A new
 * element without a shape fails here with its file, kind, name and id. Plain JUnit: no Quarkus.
 */
class DmnDiagramTest {
    private static final Path DMN_DIR = Path.of("dmn");
    private static final DMNMarshaller MARSHALLER = DMNMarshallerFactory.newDefaultMarshaller();
    private static DMNValidator validator;

    @BeforeAll
    static void createValidator() {
        validator = DMNValidatorFactory.newValidator();
    }

    @AfterAll
    static void disposeValidator() {
        if (validator != null) {
            validator.dispose();
        }
    }

    static Stream<Path> dmnFiles() throws IOException {
        try (Stream<Path> files = Files.list(DMN_DIR)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".dmn")).sorted().toList().stream();
        }
    }

    @Test
    void thereAreDmnFilesToCheck() throws IOException {
        assertFalse(dmnFiles().toList().isEmpty(), "no dmn/*.dmn file found from " + Path.of("").toAbsolutePath());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dmnFiles")
    void everyDecisionInputAndKnowledgeSourceHasExactlyOneShapeWithBounds(Path file) throws IOException {
        Definitions definitions = parse(file);
        DMNDiagram diagram = theDiagram(file, definitions);
        List<String> problems = new ArrayList<>();
        for (DRGElement element : definitions.getDrgElement()) {
            List<DMNShape> shapes = shapesOf(diagram, element.getId());
            if (shapes.isEmpty()) {
                problems.add(describe(element) + " has no DMNShape: add <dmndi:DMNShape dmnElementRef=\"" + element.getId()
                        + "\"> with <dc:Bounds> to the diagram");
            } else if (shapes.size() > 1) {
                problems.add(describe(element) + " has " + shapes.size() + " DMNShapes; keep one");
            } else if (!hasArea(shapes.get(0).getBounds())) {
                problems.add(describe(element) + ": its DMNShape " + shapes.get(0).getId()
                        + " has no <dc:Bounds> with a width and height");
            }
        }
        assertEquals(List.of(), problems, file + ": elements without exactly one shape");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dmnFiles")
    void everyRequirementHasAnEdgeWithWaypoints(Path file) throws IOException {
        Definitions definitions = parse(file);
        DMNDiagram diagram = theDiagram(file, definitions);
        List<String> problems = new ArrayList<>();
        for (DRGElement element : definitions.getDrgElement()) {
            for (Requirement requirement : requirementsOf(element)) {
                String what = requirement.kind + " of " + describe(element) + " on " + requirement.requiredHref;
                if (requirement.id == null || requirement.id.isBlank()) {
                    problems.add(what + " has no id, so no DMNEdge can refer to it: give it one");
                    continue;
                }
                List<DMNEdge> edges = diagram.getDMNDiagramElement().stream()
                        .filter(DMNEdge.class::isInstance).map(DMNEdge.class::cast)
                        .filter(e -> refersTo(e.getDmnElementRef(), requirement.id)).toList();
                if (edges.size() != 1) {
                    problems.add(what + " (id " + requirement.id + ") has " + edges.size()
                            + " DMNEdges; it needs exactly one <dmndi:DMNEdge dmnElementRef=\"" + requirement.id + "\">");
                    continue;
                }
                DMNEdge edge = edges.get(0);
                if (edge.getWaypoint().size() < 2) {
                    problems.add(what + ": its DMNEdge " + edge.getId() + " needs at least two <di:waypoint>s");
                }
                String requiredId = requirement.requiredHref == null ? null : requirement.requiredHref.replaceFirst("^.*#", "");
                checkEnd(problems, what, edge, "sourceElement", edge.getSourceElement(), diagram, requiredId);
                checkEnd(problems, what, edge, "targetElement", edge.getTargetElement(), diagram, element.getId());
            }
        }
        assertEquals(List.of(), problems, file + ": requirements without an edge");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dmnFiles")
    void theKieDmnValidatorReportsNoErrorOrWarning(Path file) throws IOException {
        String text = Files.readString(file);
        List<DMNMessage> messages = validator.validateUsing(VALIDATE_SCHEMA, VALIDATE_MODEL).theseModels(new StringReader(text));
        List<String> serious = messages.stream()
                .filter(m -> m.getLevel() == Message.Level.ERROR || m.getLevel() == Message.Level.WARNING)
                .map(m -> m.getLevel() + " " + m.getSourceId() + ": " + m.getText()).toList();
        assertEquals(List.of(), serious, file + ": kie-dmn schema and model validation");
    }

    private static Definitions parse(Path file) throws IOException {
        Definitions definitions = MARSHALLER.unmarshal(Files.readString(file));
        assertNotNull(definitions, file + " could not be read as DMN");
        return definitions;
    }

    private static DMNDiagram theDiagram(Path file, Definitions definitions) {
        assertNotNull(definitions.getDMNDI(), file + " has no <dmndi:DMNDI> section: the KIE DMN editor opens it without a layout");
        List<DMNDiagram> diagrams = definitions.getDMNDI().getDMNDiagram();
        assertEquals(1, diagrams.size(), file + " must have exactly one <dmndi:DMNDiagram>");
        return diagrams.get(0);
    }

    private static List<DMNShape> shapesOf(DMNDiagram diagram, String elementId) {
        return diagram.getDMNDiagramElement().stream()
                .filter(DMNShape.class::isInstance).map(DMNShape.class::cast)
                .filter(s -> refersTo(s.getDmnElementRef(), elementId)).toList();
    }

    /** A reference to an element of this model: no prefix (an imported model's elements have one), same id. */
    private static boolean refersTo(QName ref, String id) {
        return ref != null && XMLConstants.DEFAULT_NS_PREFIX.equals(ref.getPrefix()) && ref.getLocalPart().equals(id);
    }

    private static boolean hasArea(Bounds bounds) {
        return bounds != null && bounds.getWidth() > 0 && bounds.getHeight() > 0;
    }

    /** When the edge names the shape it starts or ends at (the KIE editor does), that shape is the element's. */
    private static void checkEnd(List<String> problems, String what, DMNEdge edge, String attribute, QName shapeRef,
                                 DMNDiagram diagram, String elementId) {
        if (shapeRef == null || elementId == null) {
            return;
        }
        boolean ok = shapesOf(diagram, elementId).stream().anyMatch(s -> shapeRef.getLocalPart().equals(s.getId()));
        if (!ok) {
            problems.add(what + ": its DMNEdge " + edge.getId() + " has " + attribute + "=\"" + shapeRef.getLocalPart()
                    + "\", which is not the shape of " + elementId);
        }
    }

    private record Requirement(String kind, String id, String requiredHref) {
    }

    private static List<Requirement> requirementsOf(DRGElement element) {
        List<Requirement> found = new ArrayList<>();
        if (element instanceof Decision decision) {
            for (InformationRequirement r : decision.getInformationRequirement()) {
                found.add(new Requirement("informationRequirement", r.getId(), href(r.getRequiredDecision(), r.getRequiredInput())));
            }
            addKnowledge(found, decision.getKnowledgeRequirement());
            addAuthority(found, decision.getAuthorityRequirement());
        } else if (element instanceof BusinessKnowledgeModel bkm) {
            addKnowledge(found, bkm.getKnowledgeRequirement());
            addAuthority(found, bkm.getAuthorityRequirement());
        } else if (element instanceof KnowledgeSource source) {
            addAuthority(found, source.getAuthorityRequirement());
        }
        return found;
    }

    private static void addKnowledge(List<Requirement> found, List<KnowledgeRequirement> requirements) {
        for (KnowledgeRequirement r : requirements) {
            found.add(new Requirement("knowledgeRequirement", r.getId(), href(r.getRequiredKnowledge())));
        }
    }

    private static void addAuthority(List<Requirement> found, List<AuthorityRequirement> requirements) {
        for (AuthorityRequirement r : requirements) {
            found.add(new Requirement("authorityRequirement", r.getId(),
                    href(r.getRequiredDecision(), r.getRequiredInput(), r.getRequiredAuthority())));
        }
    }

    private static String href(DMNElementReference... references) {
        return Stream.of(references).filter(Objects::nonNull).map(DMNElementReference::getHref).findFirst().orElse(null);
    }

    private static String describe(DRGElement element) {
        String kind = element instanceof Decision ? "decision"
                : element instanceof InputData ? "inputData"
                : element instanceof BusinessKnowledgeModel ? "businessKnowledgeModel"
                : element instanceof KnowledgeSource ? "knowledgeSource"
                : element instanceof DecisionService ? "decisionService"
                : element.getClass().getSimpleName();
        return kind + " '" + element.getName() + "' (id " + element.getId() + ")";
    }
}
