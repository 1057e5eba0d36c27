package io.drwatch.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.drwatch.domain.Require;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps architecture §2 true: a pure core, ports, adapters that only bootstrap wires, a CLI on top. */
class LayeringTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.drwatch");
  }

  @Test
  void domainDependsOnlyOnTheJdk() {
    classes().that().resideInAPackage("io.drwatch.domain..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("io.drwatch.domain..", "java..")
        .check(classes);
  }

  @Test
  void appAndPortNeverSeeAdaptersAwsOrMicrometer() {
    noClasses().that().resideInAnyPackage("io.drwatch.app..", "io.drwatch.port..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.drwatch.adapter..", "io.drwatch.bootstrap..", "software.amazon..", "io.micrometer..")
        .check(classes);
  }

  @Test
  void onlyBootstrapWiresAdapters() {
    noClasses().that().resideOutsideOfPackages("io.drwatch.adapter..", "io.drwatch.bootstrap..")
        .should().dependOnClassesThat().resideInAPackage("io.drwatch.adapter..")
        .check(classes);
  }

  @Test
  void adaptersNeverImportEachOther() {
    // adapter.aws.* form one slice, so they may share the adapter.aws foundation. adapter.support is
    // no slice: every adapter may use it (the next rule keeps it from using them).
    slices().matching("io.drwatch.adapter.(*)..").should().notDependOnEachOther()
        .ignoreDependency(resideInAPackage("io.drwatch.adapter.."), resideInAPackage("io.drwatch.adapter.support.."))
        .check(classes);
  }

  @Test
  void adapterSupportDependsOnNoAdapter() {
    noClasses().that().resideInAPackage("io.drwatch.adapter.support..")
        .should().dependOnClassesThat(resideInAPackage("io.drwatch.adapter..")
            .and(resideOutsideOfPackage("io.drwatch.adapter.support..")))
        .check(classes);
  }

  @Test
  void domainPackagesHaveNoCycles() {
    slices().matching("io.drwatch.domain.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void appPackagesHaveNoCycles() {
    slices().matching("io.drwatch.app.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void topLevelPackagesHaveNoCycles() {
    slices().matching("io.drwatch.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void configIsPlainData() {
    noClasses().that().resideInAPackage("io.drwatch.config..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.drwatch.app..", "io.drwatch.adapter..", "io.drwatch.bootstrap..", "io.vertx..")
        .check(classes);
  }

  @Test
  void configReadsOnlyThePureSideOfTheKindSpi() {
    // The descriptors' factories (io.drwatch.spi) mention Vert.x and ports; config sees only schema.
    noClasses().that().resideInAPackage("io.drwatch.config..")
        .should().dependOnClassesThat().resideInAPackage("io.drwatch.spi")
        .check(classes);
  }

  @Test
  void kindParamsArePure() {
    // Require is the one domain class allowed: a pure-JDK null check every record shares.
    classes().that().resideInAPackage("io.drwatch.schema..")
        .should().onlyDependOnClassesThat(resideInAnyPackage("io.drwatch.schema..", "java..",
            "com.fasterxml.jackson..").or(equivalentTo(Require.class)))
        .check(classes);
  }

  @Test
  void theSpiNeverSeesAdaptersOrBootstrap() {
    noClasses().that().resideInAPackage("io.drwatch.spi..")
        .should().dependOnClassesThat().resideInAnyPackage("io.drwatch.adapter..", "io.drwatch.bootstrap..",
            "io.drwatch.app..", "software.amazon..")
        .check(classes);
  }

  @Test
  void nothingButTheCliDependsOnTheCli() {
    noClasses().that().resideOutsideOfPackage("io.drwatch.cli..")
        .should().dependOnClassesThat().resideInAPackage("io.drwatch.cli..")
        .check(classes);
  }

  @Test
  void theCliSeesOnlyBootstrapConfigDomainAndTheLab() {
    // The commands parse options and print; whatever touches Vert.x, ports or adapters is a
    // public bootstrap entry point (Daemon, DrillRig, RunbookPlan, LocalRearm, ...). The schema
    // is the pure parameter vocabulary that `drwatch kinds` prints.
    noClasses().that().resideInAPackage("io.drwatch.cli..")
        .should().dependOnClassesThat().resideInAnyPackage("io.drwatch.app..", "io.drwatch.adapter..",
            "io.drwatch.port..", "io.drwatch.spi..", "software.amazon..", "io.micrometer..")
        .check(classes);
  }

  @Test
  void onlyTheCliStartsTheLab() {
    // io.drwatch.lab spawns PostgreSQL and Redis for `drwatch lab` and the tests; the product's
    // wiring never reaches it, so a daemon can never start servers of its own.
    noClasses().that().resideOutsideOfPackages("io.drwatch.lab..", "io.drwatch.cli..")
        .should().dependOnClassesThat().resideInAPackage("io.drwatch.lab..")
        .check(classes);
  }

  @Test
  void theLabKnowsNothingOfTheProduct() {
    classes().that().resideInAPackage("io.drwatch.lab..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("io.drwatch.lab..", "java..")
        .check(classes);
  }
}
