// Package facts finds, by static analysis of the Kubernetes e2e test source, what each Ginkgo spec does: the test images it may use, where it places its pods, the skip calls it may reach, and the e2e framework namespaces it creates.
//
// Analyze loads the packages matching Options.Patterns (by default
// k8s.io/kubernetes/test/e2e/...) with golang.org/x/tools/go/packages, in
// Options.ModuleDir, and type-checks from source every package of the
// k8s.io/kubernetes module they depend on, plus test/utils/image; other
// modules (the staging modules k8s.io/api, k8s.io/client-go, ..., Ginkgo,
// Gomega) are read from export data, so their code is not analysed. The
// packages must build: a list, parse or type error fails the analysis.
// Loading compiles the dependencies' export data, which the build cache
// usually has after an e2e.test build in the same module directory, with
// the same environment (such as GOFLAGS=-mod=mod and GOWORK=off). An empty
// Options.ModuleDir means Options.RepoDir.
//
// # Specs
//
// A Location names the line Ginkgo reports for a spec: the line of the
// name of the called function, It in "ginkgo.It(" or "f.It(". The calls
// found there are It, Specify, Entry, their F, P and X variants, and the
// e2e framework's ConformanceIt, by name, whatever their receiver or
// package. A location where no such call is found is unresolved. A
// location is shared by every spec declared there, such as the specs of a
// storage test suite for each driver and test pattern, or the entries of a
// table declared by a loop: its facts are their union.
//
// A spec's own code is its call's arguments: function literals, the
// functions, methods or closures arguments name, and any other
// expression; for an Entry, also the body of the DescribeTable call
// enclosing it. The code it may run is its own code, plus, transitively:
//
//   - the functions and methods called or named, resolved with go/types;
//     for a method of an interface declared in the module, every method of
//     that name of a type of the module implementing the interface;
//   - the values of the variables used: for a local variable, its
//     initialiser and the right-hand sides of the assignments made by the
//     function declaring it, outside nested function literals
//     (createPod := func() {...} in a Describe body, then createPod() in
//     the It; an assignment in a sibling spec does not count), and the
//     ranged expression for the variables of a range clause; for a
//     package-level variable, its initialiser and every assignment to it;
//     for struct fields, only fields of function type, with the values
//     composite literals and assignments give them anywhere in the module;
//   - the setup nodes (BeforeEach, JustBeforeEach, AfterEach,
//     JustAfterEach, BeforeAll, AfterAll, DeferCleanup) registered in the
//     bodies of the functions enclosing the spec, outside nested function
//     literals: those of its containers, not of sibling ones; and those a
//     module function registers around a container body passed to it, such
//     as skipUnlessWindows(func() {...}) in test/e2e/windows;
//   - when the outermost function enclosing the spec is a function or
//     method declaring specs for its callers (storage test suites'
//     DefineTests, shared helpers calling f.It), the arguments of every
//     call of it in the module, calls through interfaces it implements
//     included, and the setup nodes around those calls, recursively.
//
// # Images
//
// Images are the ImageID constants of test/utils/image/manifest.go
// (Agnhost, BusyBox, Pause, ...), except None, lower-cased. A reference to
// one, or a call of a function of the image package that refers to one
// (GetPauseImageName), in a spec's own code makes it "direct"; in code it
// may run, "reachable". The image package's variables are registry tables
// holding every image and are not followed.
//
// # Placement
//
// A spec pins pods to an OS when code it may run sets, with the constant
// "windows" or "linux" (or a constant, a variable defined as one, or a
// parameter given one by a call in the spec's code, as in
// createTestPod(f, image, linuxOS)):
//
//   - a kubernetes.io/os (or beta.kubernetes.io/os) entry of a map literal
//     of an unnamed map type (NodeSelector: map[string]string{...}), or
//     m["kubernetes.io/os"] = v on such a map; named map types, such as
//     labels.Set used to select nodes, do not count;
//   - a NodeSelectorRequirement literal on that key with operator In (or
//     none) and the OS values;
//   - a PodOS literal's Name.
//
// A pin in the body of an if statement whose condition is (or is a
// conjunction with) NodeOSDistroIs(..., "windows", ...) counts as
// "distro-helper": it applies only under --node-os-distro=windows, and so
// do the pins of the functions called there with an OS argument. A pin in
// the else branch of such a statement, or in the body of its negation,
// applies only to non-Windows runs and is left out. Placement.PodOS is set
// by any PodOS literal, whatever its value.
//
// # Skips
//
// Skip calls are calls of the Skip functions of
// k8s.io/kubernetes/test/e2e/framework/skipper (and its Skip variable) and
// of Ginkgo's Skip, reported as "e2eskipper.Name" and "ginkgo.Skip"; the
// skipper's functions are not analysed further. A call is conditional
// when, in the function making it, it is under an if, switch, select or
// loop, in the right operand of && or ||, in a go statement, or after a
// statement that may return. An unconditional call of Skipf, Skip or
// ginkgo.Skip is "always" when the chain of unconditional calls of single
// functions or closures from the spec's own code, or from the BeforeEach,
// JustBeforeEach and BeforeAll nodes of its containers, reaches it; calls
// in function literals nested in a function (ginkgo.By("...", func() {
// ... })) are not part of that chain.
//
// # Namespaces
//
// The namespaces are the base names of the frameworks created by calls
// made directly in the bodies of the functions enclosing the spec (and of
// those enclosing the calls of a function declaring specs):
// framework.NewDefaultFramework and framework.NewFramework with a constant
// base name (or a variable defined as one, or a concatenation of those),
// directly or through module functions returning a *framework.Framework,
// or a struct holding one in a field, that pass them such a value or one
// of their own parameters (NewFrameworkWithCustomTimeouts(name, ...),
// newDNSTestCommon()).
//
// # Limits
//
// The result over-approximates what a spec does: every branch is taken;
// every implementation in the module of a module interface counts, so a
// storage test suite spec calling driver.PrepareTest reaches every
// driver's, with their images, skips and distro-helper pins; a whole
// function counts once reached, including code only some of its callers
// run; every value a function-typed field is given counts; code that picks
// an image or an OS at run time counts for every value it may pick.
//
// And it misses: code outside the k8s.io/kubernetes module (staging
// modules, Ginkgo) and module code only it calls back; methods of
// interfaces declared outside the module (error, context.Context,
// client-go interfaces) and of generic interfaces; images named by strings
// and in YAML manifests; pods placed by NodeName (on a node found by
// label), by helpers taking a whole selector (e2epod.SetNodeSelection), or
// by non-constant values; setup nodes registered by the framework itself
// (NewFramework's BeforeEach) and code run by Ginkgo suite nodes; Entry
// specs whose DescribeTable does not enclose them syntactically; frameworks
// created elsewhere than by calls made directly in the enclosing
// functions' bodies.
package facts
