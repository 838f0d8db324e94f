// Package imagescan finds the e2e test images each Ginkgo spec of the Kubernetes e2e suite may use, by static analysis of the Kubernetes source.
//
// The images are the ImageID constants of test/utils/image/manifest.go
// (Agnhost, BusyBox, Pause, ...), read from the scanned source, except None,
// which stands for "no image". The analysis is syntactic (go/parser and
// go/ast, no type checking), over the packages under test/e2e and
// test/utils, the packages of the given locations, and every package of the
// k8s.io/kubernetes module they import. Staging modules (k8s.io/api, ...)
// and other modules are not read. Of the module, only non-test files are
// read, plus the given location files.
//
// # Specs
//
// A location names the line Ginkgo reports for a spec: the line of the name
// of the called function, It in "ginkgo.It(" or "f.It(". The calls found
// there are It, Specify, Entry, their F, P and X variants, and the e2e
// framework's ConformanceIt, by name, whatever their receiver or package.
// A spec's own code is its call's arguments: function literals, the
// functions or closures arguments name, and any other expression. An
// Entry's own code also includes the body of the DescribeTable call
// enclosing it.
//
// # Image references
//
// An image reference is imageutils.Agnhost, with imageutils the file's name
// for k8s.io/kubernetes/test/utils/image, or Agnhost inside that package. A
// call of a function of the image package (GetPauseImageName) counts as a
// reference to the images it refers to, found by analysing its body like
// any other. The package's variables (imageConfigs, originalImageConfigs,
// registry) are registry tables holding every image, and are not followed.
//
// Images referenced in a spec's own code are "direct". Those referenced by
// code it may run are "reachable":
//
//   - functions it calls or names, in its package (foo()) or another module
//     package (e2epod.MakePod), transitively; call cycles are handled by
//     computing strongly connected components, and each function is
//     analysed once;
//   - the closures and other values of the local variables it uses, as
//     defined by their declaration and by the plain assignments made in the
//     function that declares them (createPod := func() {...} in a Describe
//     body, then createPod() in the It);
//   - the initialisers of the package-level variables and constants it
//     uses, and the values init functions assign them;
//   - methods x.M(), when the type of x can be inferred by following
//     declarations: parameters, variables, results of module functions,
//     struct fields, range clauses, composite literals. Methods promoted
//     from embedded fields are found. For an interface type of the module,
//     the methods of that name of the types of the interface's own package
//     that declare all its methods are followed. When the type cannot be
//     inferred, every method of that name in the calling package is;
//   - the arguments of the setup nodes (BeforeEach, JustBeforeEach,
//     AfterEach, JustAfterEach, BeforeAll, AfterAll, DeferCleanup) called in
//     the bodies of the functions enclosing the spec, outside nested
//     function literals: those of its containers, not of sibling ones;
//   - when the outermost function enclosing the spec is a package-level
//     function declaring specs for its callers, the arguments of every call
//     of it in its package and the setup nodes around those calls.
//
// # Limits
//
// The result over-approximates what a spec uses:
//
//   - Code that picks an image at run time counts for every image it may
//     pick: e2epod.GetDefaultTestImage() gives both busybox and agnhost,
//     whatever the node OS; commonutils.SubstituteImageName, which fills
//     YAML templates from a table of images, gives every image of the
//     table.
//   - Every branch is taken: code behind a condition that is false for a
//     spec, or a feature gate, counts.
//   - A location is shared by every spec declared there, such as the specs
//     of a storage test suite for each driver and test pattern, or the
//     entries of a table declared by a loop: the images are their union.
//   - A method of a type that cannot be inferred resolves to every method
//     of that name in the calling package.
//   - A whole function counts once it is reached, including code only some
//     of its callers run.
//
// And it misses:
//
//   - calls through interfaces implemented in other packages (the storage
//     test drivers, whose PrepareTest deploys driver-specific images), and
//     through function values stored in struct fields, maps or slices, or
//     passed as arguments other than setup node and spec bodies;
//   - images named by strings (registry paths, image names in Go string
//     literals), images in the YAML manifests of
//     test/e2e/testing-manifests and of CSI driver deployments;
//   - setup nodes and arguments of containers declared in other functions
//     than the spec's own enclosing functions and their callers in the same
//     package, such as the storage test suite framework's per-driver
//     containers;
//   - code run by Ginkgo suite nodes (SynchronizedBeforeSuite) and by the
//     e2e framework outside the spec, such as image pre-pulling;
//   - Entry specs whose DescribeTable does not enclose them syntactically.
//
// A syntax error in any file read fails the scan.
package imagescan
