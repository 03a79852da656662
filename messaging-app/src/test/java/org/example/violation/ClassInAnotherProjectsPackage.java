package org.example.violation;

/** Breaks the package rule on purpose: a class of ours in a package that is not ours. */
public class ClassInAnotherProjectsPackage {}
