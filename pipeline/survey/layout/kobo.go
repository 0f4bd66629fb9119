package layout

// Kobo is a KoboToolbox export (CSV or xlsx, labels or XML names): start,
// end, today, the questions (group/question paths with XML names), a
// select_multiple both as one cell of space-joined choices and as
// "Question/Choice" columns of 1 and 0, a geopoint as "_Q_latitude" …,
// and the system columns at the end (_id, _uuid, _submission_time, …).
var Kobo = Register(&Layout{
	Name:  "kobo",
	Order: 70,
	Title: "KoboToolbox export", TitleDE: "Export aus KoboToolbox",
	Match: func(s *Sheet) int {
		n := Count(&s.Header, "_uuid", "_submission_time", "_index", "__version__", "_validation_status", "_submitted_by",
			"start", "end", "today", "deviceid")
		if n < 3 {
			return 0
		}
		return 2*n + 1
	},
	Columns: names(map[Kind][]string{
		ID:        {"_id", "_index"},
		Submitted: {"_submission_time", "end"},
		Personal:  {"_submitted_by", "username", "phonenumber", "deviceid", "subscriberid", "simserial", "_geolocation", "email"},
		Meta: {"start", "today", "audit", "_uuid", "_validation_status", "_notes", "_status", "__version__", "_tags",
			"meta/instanceID", "formhub/uuid", "meta/instanceName", "meta/rootUuid", "_attachments", "_xform_id_string"},
	}, nil,
		pattern(`^_.*_(latitude|longitude|altitude|precision)$`, Personal),
		pattern(`_URL$`, Meta),
	),
})
