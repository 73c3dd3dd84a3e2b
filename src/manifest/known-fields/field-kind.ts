// What a manifest field holds, as the unknown-field check needs to know it:
//   'scalar'  a value whose inside is not checked (string, number, bool, Argo's named scalars)
//   'free'    a free-form map or foreign object (labels, k8s resources, corev1 types): not walked
//   'Name'    an object of the struct Name
//   '[]Name'  a list of Name objects
//   'map:Name' a map from user-chosen keys (event names) to Name objects
export type FieldKind = string;

/** struct name → its JSON field names → what each holds */
export type StructCatalogue = Record<string, Record<string, FieldKind>>;
