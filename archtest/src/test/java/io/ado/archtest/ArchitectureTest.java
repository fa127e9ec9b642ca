package io.ado.archtest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of ARCHITECTURE.md as rules the build checks: an arrow only points down, no
 * package cycles at any depth, JDBC and Redis only in the controller's {@code state} package,
 * and no production class that uses test code. Main classes only (tests may reach anywhere).
 */
class ArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.ado");
    }

    @Test
    void theMainCodeIsThere() {
        // guards the other rules against passing on an empty import
        assertThat(main.containPackage("io.ado.controller.state")).isTrue();
        assertThat(main.size()).isGreaterThan(200);
    }

    @Test
    void modulesFormNoCycle() { check(slices().matching("io.ado.(*)..").should().beFreeOfCycles()); }

    /** Every package is its own slice here (io.ado.controller apart from io.ado.controller.api), so a cycle at any depth fails. */
    @Test
    void packagesFormNoCycle() { check(slices().matching("io.ado.(**)").should().beFreeOfCycles()); }

    @Test
    void nothingBelowTheControllerAssemblyImportsIt() {
        check(noClasses().that().resideInAPackage("io.ado.controller.(*)..")
                .should().dependOnClassesThat().resideInAPackage("io.ado.controller"));
    }

    @Test
    void onlyTheStatePackageTouchesJdbcOrRedis() {
        check(noClasses().that().resideOutsideOfPackage("io.ado.controller.state..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "com.zaxxer..", "org.flywaydb..",
                        "org.postgresql..", "org.sqlite..", "org.h2..", "io.lettuce..", "redis.clients.."));
    }

    @Test
    void productionCodeUsesNoTestCode() {
        check(noClasses().should().dependOnClassesThat().resideInAnyPackage("io.ado.testkit..", "org.junit..", "org.assertj..",
                "org.awaitility..", "org.mockito..", "io.ado.bench.."));
    }

    @Test
    void lowerLayersDoNotReachUp() {
        check(noClasses().that().resideInAPackage("io.ado.runtime..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ado.cluster..", "io.ado.protocol..", "io.ado.worker..",
                        "io.ado.controller..", "io.ado.client..", "io.ado.cli.."));
        check(noClasses().that().resideInAPackage("io.ado.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ado.runtime..", "io.ado.cluster..", "io.ado.worker..",
                        "io.ado.controller..", "io.ado.client..", "io.ado.cli.."));
        check(noClasses().that().resideInAnyPackage("io.ado.worker..", "io.ado.client..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ado.controller..", "io.ado.cli.."));
        check(noClasses().that().resideInAPackage("io.ado.controller..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ado.cli..", "io.ado.cluster.."));
    }

    private static void check(ArchRule rule) { rule.check(main); }
}
