package io.ado.cluster;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The library's packages form layers: no package cycles, and the shared vocabulary at the bottom. */
class PackageCyclesTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ado.cluster");

    @Test
    void everyPackageIsFreeOfCycles() {
        // "io.ado.(**)" makes the root io.ado.cluster a slice of its own; "io.ado.cluster.(**)" would skip it
        slices().matching("io.ado.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theRootPackageHoldsOnlyVocabulary() {
        noClasses().that().resideInAPackage("io.ado.cluster")
                .should().dependOnClassesThat().resideInAPackage("io.ado.cluster.(*)..")
                .check(MAIN);
    }
}
